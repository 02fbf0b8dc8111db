#include "kernel/console.h"

#include <stdbool.h>

#include "hal/cpu.h"
#include "hal/uart.h"
#include "hal/vga.h"
#include "kernel/lib/kformat.h"
#include "kernel/lib/kstring.h"

static bool at_line_start = true; /* the last byte out was a line feed */
static console_tap tap;
/* Writes in progress (kprintf, puts, ...): a DPC, or another thread, that comes in meanwhile keeps its
 * lines in `deferred`, and the write that ends last prints them, so no line is cut by another. The
 * count changes in one instruction: a thread may be switched away between a load and a store. */
static volatile unsigned writers;
static char deferred[1024];
static volatile unsigned deferred_len;

static void begin_write(void)
{
    __atomic_add_fetch(&writers, 1, __ATOMIC_RELAXED);
}

static void print_line(const char *text, unsigned n);

static void end_write(void)
{
    while (writers == 1 && deferred_len) {
        char text[sizeof deferred];
        uint32_t flags = cpu_save_and_disable_interrupts();
        unsigned n = deferred_len;
        memcpy(text, deferred, n);
        deferred_len = 0;
        cpu_restore_interrupts(flags);
        print_line(text, n);
    }
    __atomic_sub_fetch(&writers, 1, __ATOMIC_RELAXED);
}

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
    begin_write();
    if (n)
        at_line_start = s[n - 1] == '\n';
    for (unsigned i = 0; i < n; i++)
        uart_putc(UART_COM1, s[i]);
    vga_write(s, n);
    end_write();
}

void console_puts(const char *s)
{
    begin_write();
    while (*s)
        console_putc(*s++);
    end_write();
}

static void console_sink(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

/* The text of one or more whole DbgPrint calls, on a line of its own. */
static void print_line(const char *text, unsigned n)
{
    __atomic_add_fetch(&writers, 1, __ATOMIC_RELAXED);
    if (!at_line_start)
        console_putc('\n');
    for (unsigned i = 0; i < n; i++)
        console_putc(text[i]);
    __atomic_sub_fetch(&writers, 1, __ATOMIC_RELAXED);
}

void console_print_lines(const char *text, bool own_line)
{
    unsigned n = strlen(text);
    uint32_t flags = cpu_save_and_disable_interrupts();
    if (writers) { /* it came in the middle of another write: after it */
        unsigned room = sizeof deferred - deferred_len;
        memcpy(deferred + deferred_len, text, n < room ? n : room);
        deferred_len += n < room ? n : room;
        cpu_restore_interrupts(flags);
        return;
    }
    cpu_restore_interrupts(flags);
    if (own_line)
        print_line(text, n);
    else
        console_puts(text);
}

void console_flush_deferred(void)
{
    unsigned n = deferred_len;
    deferred_len = 0;
    if (n)
        print_line(deferred, n);
}

unsigned console_deferred_bytes(void)
{
    return deferred_len;
}

int kvprintf(const char *fmt, va_list ap)
{
    begin_write();
    int n = kvformat(console_sink, 0, fmt, ap);
    end_write();
    return n;
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
