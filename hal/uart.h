/* 16550 UART registers: COM1 is the console, COM2 the debugger stub's port. Polled transmit; receive
 * is read by whoever owns the port's interrupt (drivers/serial.c for COM1). */
#ifndef PAGODA_UART_H
#define PAGODA_UART_H

#include <stdbool.h>
#include <stdint.h>

#define UART_COM1 0x3F8
#define UART_COM2 0x2F8
#define UART_COM1_IRQ 4

/* 115200 8N1, FIFOs on, receive interrupt off. */
void uart_init(uint16_t port);
void uart_putc(uint16_t port, char c);
/* Diagnostic loopback: what is sent comes back as received, and nothing leaves the port. */
void uart_set_loopback(uint16_t port, bool on);
/* Whether the port raises its interrupt when a byte arrives. */
void uart_set_rx_interrupt(uint16_t port, bool on);
/* Whether a received byte waits, and reading it. */
bool uart_rx_ready(uint16_t port);
uint8_t uart_read(uint16_t port);
/* Waits for a byte and reads it (the debugger stub, with interrupts off). */
uint8_t uart_getc_polled(uint16_t port);

#endif
