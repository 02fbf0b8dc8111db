#include "hal/vga.h"

#include <stdbool.h>

#include "hal/port_io.h"

#define VGA_TEXT ((volatile uint16_t *)0x800B8000) /* physical 0xB8000 through the kernel's low map */
#define CRTC_INDEX 0x3D4
#define CRTC_DATA 0x3D5

static unsigned row, col;
static uint8_t attr = VGA_ATTR_NORMAL;
/* The console's VT100 sequences (ESC [ params final): the screen acts on the two the shell sends for
 * Ctrl-L, home and clear, and swallows the others rather than showing them as text. */
static enum { TEXT, ESCAPE, CSI } state;
static unsigned csi_param;

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * VGA_COLS + col);
    outb(CRTC_INDEX, 0x0F);
    outb(CRTC_DATA, (uint8_t)pos);
    outb(CRTC_INDEX, 0x0E);
    outb(CRTC_DATA, (uint8_t)(pos >> 8));
}

static uint16_t blank(void)
{
    return (uint16_t)(attr << 8 | ' ');
}

void vga_clear(uint8_t new_attr)
{
    attr = new_attr;
    state = TEXT; /* a STOP screen must not lose its first characters to a sequence cut short */
    for (unsigned i = 0; i < VGA_COLS * VGA_ROWS; i++)
        VGA_TEXT[i] = blank();
    row = col = 0;
    move_cursor();
}

static void scroll(void)
{
    for (unsigned i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
        VGA_TEXT[i] = VGA_TEXT[i + VGA_COLS];
    for (unsigned i = 0; i < VGA_COLS; i++)
        VGA_TEXT[VGA_COLS * (VGA_ROWS - 1) + i] = blank();
    row = VGA_ROWS - 1;
}

/* Returns true if c was part of an escape sequence; a control byte ends one and is itself shown. */
static bool escape_putc(char c)
{
    if (state == TEXT && c != 0x1B)
        return false;
    if ((unsigned char)c < 0x20 && c != 0x1B) {
        state = TEXT;
        return false;
    }
    if (c == 0x1B) {
        state = ESCAPE;
    } else if (state == ESCAPE) {
        state = c == '[' ? CSI : TEXT;
        csi_param = 0;
    } else if (c >= '0' && c <= '9') {
        csi_param = csi_param * 10 % 1000 + (unsigned)(c - '0');
    } else if (c < 0x40) {
        /* other parameter and intermediate bytes: the sequence goes on */
    } else {
        state = TEXT;
        if (c == 'H')
            row = col = 0;
        else if (c == 'J' && csi_param == 2)
            vga_clear(attr);
    }
    return true;
}

/* One character without moving the hardware cursor (four port writes, slow under emulation). */
static void put_char(char c)
{
    if (escape_putc(c))
        return;
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':
        if (col)
            col--;
        break;
    default:
        if ((unsigned char)c < ' ')
            return;
        VGA_TEXT[row * VGA_COLS + col] = (uint16_t)(attr << 8 | (unsigned char)c);
        if (++col == VGA_COLS) {
            col = 0;
            row++;
        }
    }
    if (row == VGA_ROWS)
        scroll();
}

void vga_putc(char c)
{
    vga_write(&c, 1);
}

void vga_write(const char *s, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        put_char(s[i]);
    move_cursor();
}
