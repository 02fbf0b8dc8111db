/* The C runtime's formatting ntoskrnl.exe exports, with Microsoft's semantics and DbgPrint's conversions
 * (kernel/dbg_format.h): mingw-w64's ntstrsafe.h (RtlStringCbPrintfA and the rest) calls _vsnprintf and
 * _vsnwprintf. */
#ifndef PAGODA_CRT_PRINT_H
#define PAGODA_CRT_PRINT_H

#include <stdarg.h>
#include <stddef.h>

/* At most count characters; the terminator only if there is room for it; -1 if the output does not fit
 * in count characters (count of them are written all the same). */
int _vsnprintf(char *buffer, size_t count, const char *format, va_list ap);
int _snprintf(char *buffer, size_t count, const char *format, ...);
/* The same in WCHARs, from a wide format, where %s and %c are wide and %S and %C narrow (the format is
 * cut at 255 characters; characters beyond ASCII in it print as '?'). */
int _vsnwprintf(unsigned short *buffer, size_t count, const unsigned short *format, va_list ap);
int _snwprintf(unsigned short *buffer, size_t count, const unsigned short *format, ...);
/* Unbounded, terminated; returns the characters written. swprintf is Microsoft's older form, which
 * ntoskrnl.exe exports: no count (mingw-w64's headers give drivers the C99 form, an inline over
 * _vsnwprintf). */
int sprintf(char *buffer, const char *format, ...);
int swprintf(unsigned short *buffer, const unsigned short *format, ...);

#endif
