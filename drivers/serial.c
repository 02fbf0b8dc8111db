#include "drivers/serial.h"

#include "hal/uart.h"
#include "kernel/interrupt.h"
#include "kernel/lib/ringbuf.h"
#include "kernel/wdm.h"

/* The interrupt fills rx at COM1's DIRQL; a DPC moves the bytes on to input, the shell's. Nothing is
 * dropped: when rx is full the interrupt stops taking bytes, and the UART, its FIFO full, holds off
 * the sender until the DPC has made room. */
static struct ringbuf rx, input;
static KDPC deliver_dpc;
static volatile bool rx_stopped;
static volatile uint32_t ctrl_c;

static VOID serial_deliver(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    uint8_t byte;
    while (ringbuf_count(&input) < RINGBUF_SIZE && ringbuf_get(&rx, &byte))
        ringbuf_put(&input, byte);
    if (rx_stopped && ringbuf_count(&rx) < RINGBUF_SIZE) {
        rx_stopped = false;
        uart_set_rx_interrupt(UART_COM1, true);
    }
}

/* The ISR: drains the receive FIFO and queues the DPC. */
static void serial_interrupt(void)
{
    while (uart_rx_ready(UART_COM1)) {
        if (ringbuf_count(&rx) == RINGBUF_SIZE) {
            rx_stopped = true;
            uart_set_rx_interrupt(UART_COM1, false);
            break;
        }
        uint8_t byte = uart_read(UART_COM1);
        ringbuf_put(&rx, byte);
        if (byte == SERIAL_CTRL_C)
            ctrl_c++;
    }
    KeInsertQueueDpc(&deliver_dpc, NULL, NULL);
}

void serial_init(void)
{
    KeInitializeDpc(&deliver_dpc, serial_deliver, NULL);
    irq_set_handler(UART_COM1_IRQ, serial_interrupt);
    uart_set_rx_interrupt(UART_COM1, true);
}

bool serial_getc(uint8_t *byte)
{
    bool got = ringbuf_get(&input, byte);
    if (got && ringbuf_count(&rx)) /* bytes held back for want of room: there is room now */
        KeInsertQueueDpc(&deliver_dpc, NULL, NULL);
    return got;
}

uint32_t serial_ctrl_c_count(void)
{
    return ctrl_c;
}
