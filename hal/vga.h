/* The VGA text screen (80x25 at physical 0xB8000) as a scrolling terminal that mirrors the console. */
#ifndef PAGODA_VGA_H
#define PAGODA_VGA_H

#include <stdint.h>

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR_NORMAL 0x07   /* light grey on black */
#define VGA_ATTR_BUGCHECK 0x1F /* white on blue */

void vga_clear(uint8_t attr);
void vga_putc(char c);
/* Several characters, moving the cursor once at the end. */
void vga_write(const char *s, unsigned n);

#endif
