#include "drivers/serial.h"

#include "hal/cpu.h"
#include "hal/uart.h"
#include "kernel/interrupt.h"
#include "kernel/lib/ringbuf.h"
#include "kernel/wdm.h"

/* The interrupt fills rx at COM1's DIRQL; a DPC moves the bytes on to input, the shell's. When rx is
 * full the interrupt stops taking bytes, and the UART, its FIFO full, holds off the sender until the DPC
 * has made room: nothing is dropped. The one exception is discard mode (serial_set_discard), while a
 * command that stops on Ctrl-C runs: then a Ctrl-C behind a full ring must still be seen, so the
 * interrupt reads on, dropping bytes, until it finds one; that Ctrl-C is kept and handed on after the
 * rings (the shell flushes what came before it anyway), and the bytes after it wait in the UART. */
static struct ringbuf rx, input;
static KDPC deliver_dpc;
static volatile bool rx_stopped, discard;
static volatile bool ctrl_c_held; /* a Ctrl-C read past a full rx, not yet in input */
static volatile uint32_t ctrl_c, dropped;

static void start_rx(void)
{
    rx_stopped = false;
    uart_set_rx_interrupt(UART_COM1, true);
}

static VOID NTAPI serial_deliver(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    uint8_t byte;
    while (ringbuf_count(&input) < RINGBUF_SIZE && ringbuf_get(&rx, &byte))
        ringbuf_put(&input, byte);
    /* The held Ctrl-C goes after everything rx held, and before anything the UART still holds. */
    if (ctrl_c_held && ringbuf_count(&rx) == 0 && ringbuf_put(&input, SERIAL_CTRL_C))
        ctrl_c_held = false;
    if (rx_stopped && !ctrl_c_held && ringbuf_count(&rx) < RINGBUF_SIZE)
        start_rx();
}

/* The ISR: drains the receive FIFO and queues the DPC. */
static void serial_interrupt(void)
{
    while (uart_rx_ready(UART_COM1)) {
        if (ringbuf_count(&rx) == RINGBUF_SIZE) {
            if (discard) {
                uint8_t byte = uart_read(UART_COM1);
                if (byte != SERIAL_CTRL_C) {
                    dropped++;
                    continue;
                }
                ctrl_c++;
                ctrl_c_held = true;
            }
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
    if (got && (ringbuf_count(&rx) || ctrl_c_held)) /* bytes held back for want of room: there is room now */
        KeInsertQueueDpc(&deliver_dpc, NULL, NULL);
    return got;
}

uint32_t serial_ctrl_c_count(void)
{
    return ctrl_c;
}

void serial_set_discard(bool on)
{
    uint32_t flags = cpu_save_and_disable_interrupts(); /* the ISR and the DPC see both fields change together */
    discard = on;
    if (on && rx_stopped && !ctrl_c_held)
        start_rx(); /* stopped for a full ring before: read on, looking for Ctrl-C */
    cpu_restore_interrupts(flags);
}

uint32_t serial_dropped(void)
{
    return dropped;
}

KIRQL serial_irql(void)
{
    return interrupt_irql(UART_COM1_IRQ);
}
