/* 16550 UART: COM1 is the console (interrupt-driven receive, handed on by a DPC, polled transmit);
 * COM2 is set up the same way for the debugger stub, without interrupts. */
#ifndef PAGODA_UART_H
#define PAGODA_UART_H

#include <stdbool.h>
#include <stdint.h>

#define UART_COM1 0x3F8
#define UART_COM2 0x2F8
#define UART_COM1_IRQ 4

void uart_init(uint16_t port, bool rx_interrupts);
void uart_putc(uint16_t port, char c);
/* Diagnostic loopback: what is sent comes back as received, and nothing leaves the port. */
void uart_set_loopback(uint16_t port, bool on);
/* Interrupt handler body for COM1: drains the receive FIFO and queues the DPC that hands the bytes to
 * the console's input ring. */
void uart_com1_receive(void);
/* Takes one received COM1 byte that the DPC has delivered, if any. */
bool uart_com1_getc(uint8_t *byte);
#define UART_CTRL_C 0x03
/* Ctrl-C bytes received so far (each also goes on to the shell). As a tty's line discipline notices its
 * interrupt character, this lets a running command learn of Ctrl-C while nobody reads the input. */
uint32_t uart_com1_ctrl_c_count(void);

#endif
