#include "hal/uart.h"

#include "hal/port_io.h"

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

void uart_init(uint16_t port)
{
    outb(port + REG_IER, 0);
    outb(port + REG_LCR, LCR_DLAB);
    outb(port + REG_DATA, DIVISOR_115200 & 0xFF);
    outb(port + REG_IER, DIVISOR_115200 >> 8);
    outb(port + REG_LCR, LCR_8N1);
    outb(port + REG_FCR, FCR_ENABLE_CLEAR_TX_14);
    outb(port + REG_MCR, MCR_DTR_RTS_OUT2);
}

void uart_set_loopback(uint16_t port, bool on)
{
    outb(port + REG_MCR, MCR_DTR_RTS_OUT2 | (on ? MCR_LOOPBACK : 0));
}

void uart_set_rx_interrupt(uint16_t port, bool on)
{
    outb(port + REG_IER, on ? IER_RX_AVAILABLE : 0);
}

void uart_putc(uint16_t port, char c)
{
    while (!(inb(port + REG_LSR) & LSR_THR_EMPTY))
        ;
    outb(port + REG_DATA, (uint8_t)c);
}

bool uart_rx_ready(uint16_t port)
{
    return inb(port + REG_LSR) & LSR_DATA_READY;
}

uint8_t uart_read(uint16_t port)
{
    return inb(port + REG_DATA);
}

uint8_t uart_getc_polled(uint16_t port)
{
    while (!uart_rx_ready(port))
        ;
    return uart_read(port);
}
