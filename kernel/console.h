/* Kernel console output: COM1 (LF becomes CRLF) mirrored on the VGA text screen. */
#ifndef PAGODA_CONSOLE_H
#define PAGODA_CONSOLE_H

#include <stdarg.h>

void console_putc(char c);
/* Bytes exactly as given (no LF to CRLF): for the line editor's echo. */
void console_write_raw(const char *s, unsigned n);
void console_puts(const char *s);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* Output that must stand on lines of its own (a driver's DbgPrint, from a DPC that came in while the
 * shell had half a line out, or the user half a line typed): ends the line in progress, if any. */
void console_begin_line(void);
/* Prints `error: <message>` on its own line: the shape every failed command uses. */
void console_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Also gives every byte console_putc prints to tap (0: none); GDB's `monitor` returns a command's
 * output this way. */
typedef void (*console_tap)(char c);
void console_set_tap(console_tap t);

#endif
