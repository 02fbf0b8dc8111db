#include "uart.h"

#include "../kernel/lib/ringbuf.h"
#include "../kernel/wdm.h"
#include "port_io.h"

enum {
    REG_DATA = 0, /* RBR/THR, or divisor low with DLAB */
    REG_IER = 1,  /* interrupt enable, or divisor high with DLAB */
    REG_FCR = 2,
    REG_LCR = 3,
    REG_MCR = 4,
    REG_LSR = 5,
};

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define MCR_DTR_RTS_OUT2 0x0B /* OUT2 gates the UART's interrupt line to the PIC */
#define MCR_LOOPBACK 0x10
#define FCR_ENABLE_CLEAR_TX_14 0xC5 /* keeps what was received before we got here */
#define IER_RX_AVAILABLE 0x01
#define DIVISOR_115200 1

/* The interrupt fills com1_rx at COM1's DIRQL; a DPC moves the bytes on to com1_input, the shell's.
 * Nothing is dropped: when com1_rx is full the interrupt stops taking bytes, and the UART, its FIFO
 * full, holds off the sender until the DPC has made room. */
static struct ringbuf com1_rx, com1_input;
static KDPC com1_dpc;
static volatile bool com1_rx_stopped;
static volatile uint32_t com1_ctrl_c;

static VOID com1_deliver(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    uint8_t byte;
    while (ringbuf_count(&com1_input) < RINGBUF_SIZE && ringbuf_get(&com1_rx, &byte))
        ringbuf_put(&com1_input, byte);
    if (com1_rx_stopped && ringbuf_count(&com1_rx) < RINGBUF_SIZE) {
        com1_rx_stopped = false;
        outb(UART_COM1 + REG_IER, IER_RX_AVAILABLE);
    }
}

void uart_init(uint16_t port, bool rx_interrupts)
{
    outb(port + REG_IER, 0);
    outb(port + REG_LCR, LCR_DLAB);
    outb(port + REG_DATA, DIVISOR_115200 & 0xFF);
    outb(port + REG_IER, DIVISOR_115200 >> 8);
    outb(port + REG_LCR, LCR_8N1);
    outb(port + REG_FCR, FCR_ENABLE_CLEAR_TX_14);
    outb(port + REG_MCR, MCR_DTR_RTS_OUT2);
    if (rx_interrupts) {
        KeInitializeDpc(&com1_dpc, com1_deliver, NULL);
        outb(port + REG_IER, IER_RX_AVAILABLE);
    }
}

void uart_set_loopback(uint16_t port, bool on)
{
    outb(port + REG_MCR, MCR_DTR_RTS_OUT2 | (on ? MCR_LOOPBACK : 0));
}

void uart_putc(uint16_t port, char c)
{
    while (!(inb(port + REG_LSR) & LSR_THR_EMPTY))
        ;
    outb(port + REG_DATA, (uint8_t)c);
}

void uart_com1_receive(void)
{
    while (inb(UART_COM1 + REG_LSR) & LSR_DATA_READY) {
        if (ringbuf_count(&com1_rx) == RINGBUF_SIZE) {
            com1_rx_stopped = true;
            outb(UART_COM1 + REG_IER, 0);
            break;
        }
        uint8_t byte = inb(UART_COM1 + REG_DATA);
        ringbuf_put(&com1_rx, byte);
        if (byte == UART_CTRL_C)
            com1_ctrl_c++;
    }
    KeInsertQueueDpc(&com1_dpc, NULL, NULL);
}

bool uart_com1_getc(uint8_t *byte)
{
    bool got = ringbuf_get(&com1_input, byte);
    if (got && ringbuf_count(&com1_rx)) /* bytes held back for want of room: there is room now */
        KeInsertQueueDpc(&com1_dpc, NULL, NULL);
    return got;
}

uint32_t uart_com1_ctrl_c_count(void)
{
    return com1_ctrl_c;
}
