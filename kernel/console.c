#include "kernel/console.h"

#include <stdbool.h>

#include "hal/uart.h"
#include "hal/vga.h"
#include "kernel/lib/kformat.h"

static bool at_line_start = true; /* the last byte out was a line feed */
static console_tap tap;

void console_set_tap(console_tap t)
{
    tap = t;
}

void console_putc(char c)
{
    at_line_start = c == '\n';
    if (tap)
        tap(c);
    if (c == '\n')
        uart_putc(UART_COM1, '\r');
    uart_putc(UART_COM1, c);
    vga_putc(c);
}

void console_write_raw(const char *s, unsigned n)
{
    if (n)
        at_line_start = s[n - 1] == '\n';
    for (unsigned i = 0; i < n; i++)
        uart_putc(UART_COM1, s[i]);
    vga_write(s, n);
}

void console_puts(const char *s)
{
    while (*s)
        console_putc(*s++);
}

static void console_sink(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

void console_begin_line(void)
{
    if (!at_line_start)
        console_putc('\n');
}

int kvprintf(const char *fmt, va_list ap)
{
    return kvformat(console_sink, 0, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}

void console_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    console_puts("error: ");
    kvprintf(fmt, ap);
    console_putc('\n');
    va_end(ap);
}
