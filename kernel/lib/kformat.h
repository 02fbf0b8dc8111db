/* printf-style formatting without libc: %d %i %u %x %X %p %s %c %%, flags '-' and '0', a width,
 * and the length modifiers l and ll. Output goes to a sink so the console and snprintf share it. */
#ifndef PAGODA_KFORMAT_H
#define PAGODA_KFORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink)(void *ctx, char c);

/* Returns the number of characters produced. */
int kvformat(format_sink sink, void *ctx, const char *fmt, va_list ap);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
