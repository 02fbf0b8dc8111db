/* The serial input driver, written as a WDM driver would be: COM1's interrupt (ISR at its DIRQL) reads
 * the UART into a ring and queues a DPC that hands the bytes on to the console's input ring. */
#ifndef PAGODA_SERIAL_H
#define PAGODA_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

#define SERIAL_CTRL_C 0x03

/* Connects COM1's interrupt and turns its receive interrupt on. */
void serial_init(void);
/* Takes one received byte that the DPC has delivered, if any. */
bool serial_getc(uint8_t *byte);
/* Ctrl-C bytes received so far (each also goes on to the shell). As a tty's line discipline notices its
 * interrupt character, this lets a running command learn of Ctrl-C while nobody reads the input. */
uint32_t serial_ctrl_c_count(void);
/* Discard mode, for the time a command that stops on Ctrl-C runs: once the rings are full (8 KiB typed
 * ahead) the interrupt goes on reading the UART, dropping bytes until a Ctrl-C, which it keeps and hands
 * on after the rings' bytes; the bytes after it wait in the UART. As a terminal flushes its input on an
 * interrupt, what is dropped lies before a Ctrl-C, unless the command ends on its own first. Off (the
 * default), a full ring holds the sender off and nothing is ever dropped. */
void serial_set_discard(bool on);
/* Bytes dropped in discard mode since boot. */
uint32_t serial_dropped(void);
/* COM1's DIRQL: at or above it the receive interrupt cannot run, so neither can Ctrl-C arrive. */
KIRQL serial_irql(void);

#endif
