/* The C runtime's string routines ntoskrnl.exe exports beyond kernel/lib/kstring.h's (cdecl, as the
 * WDK's headers declare them), for drivers only: each is exported under its C name
 * (drivers/exports_ntoskrnl.c) and is named crt_ here, so that a host build, which has the C
 * library's, tests these. Narrow case folding is the C locale's (ASCII); wide, ASCII and Latin-1 as
 * RtlUpcaseUnicodeChar's (kernel/rtl_string.h). Wide strings are WCHAR (UTF-16), as on Windows. */
#ifndef PAGODA_CRT_STRING_H
#define PAGODA_CRT_STRING_H

#include <stddef.h>

#include "kernel/wdm.h"

char *crt_strcpy(char *dst, const char *src);
/* Pads with zeros to n; no terminator when src has n characters or more. */
char *crt_strncpy(char *dst, const char *src, size_t n);
char *crt_strcat(char *dst, const char *src);
/* At most n characters of src, then always a terminator. */
char *crt_strncat(char *dst, const char *src, size_t n);
/* c == 0 finds the terminator. */
char *crt_strchr(const char *s, int c);
char *crt_strrchr(const char *s, int c);
/* An empty needle is found at s. */
char *crt_strstr(const char *s, const char *needle);
/* Compared as lower case, as Microsoft's are ('_' sorts after letters). */
int crt_stricmp(const char *a, const char *b);
int crt_strnicmp(const char *a, const char *b, size_t n);
char *crt_strlwr(char *s);
char *crt_strupr(char *s);
int crt_toupper(int c);
int crt_tolower(int c);
/* Decimal after white space and a sign (RtlCharToInteger's base 10); atoi and atol alike. */
int crt_atoi(const char *s);

size_t crt_wcslen(const WCHAR *s);
WCHAR *crt_wcscpy(WCHAR *dst, const WCHAR *src);
WCHAR *crt_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n);
WCHAR *crt_wcscat(WCHAR *dst, const WCHAR *src);
WCHAR *crt_wcsncat(WCHAR *dst, const WCHAR *src, size_t n);
int crt_wcscmp(const WCHAR *a, const WCHAR *b);
int crt_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n);
int crt_wcsicmp(const WCHAR *a, const WCHAR *b);
int crt_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *crt_wcschr(const WCHAR *s, WCHAR c);
WCHAR *crt_wcsrchr(const WCHAR *s, WCHAR c);
WCHAR *crt_wcsstr(const WCHAR *s, const WCHAR *needle);
WCHAR *crt_wcslwr(WCHAR *s);
WCHAR *crt_wcsupr(WCHAR *s);

#endif
