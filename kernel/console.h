/* Kernel console output: COM1 (LF becomes CRLF) mirrored on the VGA text screen. */
#ifndef PAGODA_CONSOLE_H
#define PAGODA_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>

void console_putc(char c);
/* Bytes exactly as given (no LF to CRLF): for the line editor's echo. */
void console_write_raw(const char *s, unsigned n);
void console_puts(const char *s);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* A driver's DbgPrint text, which may come from a DPC at any moment: own_line starts it on a line of
 * its own when the console has half a line out (the shell's, or input typed after the prompt); and if
 * it comes in the middle of another write, it waits until that write ends, so no line is cut. */
void console_print_lines(const char *text, bool own_line);
/* The machine stops (a bugcheck, interrupts off): what waits for a write that will never end goes out
 * now, on a line of its own. */
void console_flush_deferred(void);
/* What waits so (tests). */
unsigned console_deferred_bytes(void);
/* Prints `error: <message>` on its own line: the shape every failed command uses. */
void console_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Also gives every byte console_putc prints to tap (0: none); GDB's `monitor` returns a command's
 * output this way. */
typedef void (*console_tap)(char c);
void console_set_tap(console_tap t);

#endif
