/* DbgPrint's formatting: printf as the WDK's kernel runtime does it, with Microsoft's conversions and
 * sizes (%wZ a PUNICODE_STRING, %Z a PANSI_STRING, %ws/%S/%ls wide strings, %wc/%C wide characters,
 * %I64x, %I32x, %Ix pointer-sized, %p as 8 upper-case hex digits). Wide characters beyond ASCII print as
 * '?'. Portable: host-tested. */
#ifndef PAGODA_DBG_FORMAT_H
#define PAGODA_DBG_FORMAT_H

#include <stdarg.h>

#include "kernel/wdm.h"

/* Formats into buf, always terminated (size > 0), cut at size - 1 characters; returns the length of the
 * whole output, as C's vsnprintf. */
int dbg_vformat(char *buf, SIZE_T size, const char *fmt, va_list ap);
/* The first size characters of the output into buf, with no terminator; returns the whole length. */
int dbg_vformat_unterminated(char *buf, SIZE_T size, const char *fmt, va_list ap);
/* The same, each character widened to a WCHAR (the format and what it prints stay narrow). */
int dbg_vformat_wide_unterminated(WCHAR *buf, SIZE_T size, const char *fmt, va_list ap);
void dbg_format(char *buf, SIZE_T size, const char *fmt, ...);

#endif
