/* The serial input driver, written as a WDM driver would be: COM1's interrupt (ISR at its DIRQL) reads
 * the UART into a ring and queues a DPC that hands the bytes on to the console's input ring. */
#ifndef PAGODA_SERIAL_H
#define PAGODA_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#define SERIAL_CTRL_C 0x03

/* Connects COM1's interrupt and turns its receive interrupt on. */
void serial_init(void);
/* Takes one received byte that the DPC has delivered, if any. */
bool serial_getc(uint8_t *byte);
/* Ctrl-C bytes received so far (each also goes on to the shell). As a tty's line discipline notices its
 * interrupt character, this lets a running command learn of Ctrl-C while nobody reads the input. */
uint32_t serial_ctrl_c_count(void);

#endif
