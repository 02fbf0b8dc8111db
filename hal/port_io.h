/* x86 port I/O. */
#ifndef PAGODA_PORT_IO_H
#define PAGODA_PORT_IO_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

/* A write to an unused port: a short delay the old PIC needs between commands. */
static inline void io_wait(void)
{
    outb(0x80, 0);
}

#endif
