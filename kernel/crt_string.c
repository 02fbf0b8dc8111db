/* The C runtime's string routines drivers import from ntoskrnl.exe (kernel/crt_string.h). Each is
 * written once over the character size (1: char, 2: WCHAR) and named twice. Portable: host-tested. */
#include "kernel/crt_string.h"

#include <stdbool.h>
#include <stdint.h>

#include "kernel/rtl_string.h"

static size_t length(const void *s, unsigned unit)
{
    size_t n = 0;
    while (rtl_char_at(s, n, unit))
        n++;
    return n;
}

/* At most n characters of src, its terminator among them if it comes within n; then zeros up to n when
 * pad. */
static void *copy(void *dst, const void *src, size_t n, unsigned unit, bool pad)
{
    size_t i = 0;
    for (; i < n; i++) {
        unsigned c = rtl_char_at(src, i, unit);
        rtl_set_char(dst, i, unit, c);
        if (!c)
            break;
    }
    for (; pad && i < n; i++)
        rtl_set_char(dst, i, unit, 0);
    return dst;
}

/* src after dst's text: at most n characters, then a terminator. */
static void *append(void *dst, const void *src, size_t n, unsigned unit)
{
    char *end = (char *)dst + length(dst, unit) * unit;
    size_t m = length(src, unit);
    m = m < n ? m : n;
    copy(end, src, m, unit, false);
    rtl_set_char(end, m, unit, 0);
    return dst;
}

static unsigned fold_lower(unsigned c, unsigned unit)
{
    return unit == 1 ? (unsigned)crt_tolower((int)c) : rtl_downcase((WCHAR)c);
}

/* At most n characters; -1, 0 or 1. */
static int compare(const void *a, const void *b, size_t n, unsigned unit, bool fold)
{
    for (size_t i = 0; i < n; i++) {
        unsigned x = rtl_char_at(a, i, unit), y = rtl_char_at(b, i, unit);
        if (fold)
            x = fold_lower(x, unit), y = fold_lower(y, unit);
        if (x != y)
            return x < y ? -1 : 1;
        if (!x)
            break;
    }
    return 0;
}

/* The first (or last) c in s, its terminator included. */
static void *find(const void *s, unsigned c, unsigned unit, bool last)
{
    const char *found = NULL;
    for (size_t i = 0;; i++) {
        unsigned x = rtl_char_at(s, i, unit);
        if (x == c) {
            found = (const char *)s + i * unit;
            if (!last)
                break;
        }
        if (!x)
            break;
    }
    return (void *)(uintptr_t)found;
}

static void *find_string(const void *s, const void *needle, unsigned unit)
{
    size_t n = length(needle, unit);
    for (const char *p = s;; p += unit) {
        if (!compare(p, needle, n, unit, false))
            return (void *)(uintptr_t)p;
        if (!rtl_char_at(p, 0, unit))
            return NULL;
    }
}

/* Every character of s to lower or upper case. */
static void *map(void *s, unsigned unit, bool upper)
{
    for (size_t i = 0; rtl_char_at(s, i, unit); i++) {
        unsigned c = rtl_char_at(s, i, unit);
        if (unit == 1)
            c = (unsigned)(upper ? crt_toupper((int)c) : crt_tolower((int)c));
        else
            c = upper ? rtl_upcase((WCHAR)c) : rtl_downcase((WCHAR)c);
        rtl_set_char(s, i, unit, c);
    }
    return s;
}

int crt_toupper(int c)
{
    return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

int crt_tolower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int crt_atoi(const char *s)
{
    ULONG value;
    RtlCharToInteger(s, 10, &value);
    return (int)value;
}

char *crt_strcpy(char *dst, const char *src) { return copy(dst, src, SIZE_MAX, 1, false); }
WCHAR *crt_wcscpy(WCHAR *dst, const WCHAR *src) { return copy(dst, src, SIZE_MAX, 2, false); }
char *crt_strncpy(char *dst, const char *src, size_t n) { return copy(dst, src, n, 1, true); }
WCHAR *crt_wcsncpy(WCHAR *dst, const WCHAR *src, size_t n) { return copy(dst, src, n, 2, true); }
char *crt_strcat(char *dst, const char *src) { return append(dst, src, SIZE_MAX, 1); }
WCHAR *crt_wcscat(WCHAR *dst, const WCHAR *src) { return append(dst, src, SIZE_MAX, 2); }
char *crt_strncat(char *dst, const char *src, size_t n) { return append(dst, src, n, 1); }
WCHAR *crt_wcsncat(WCHAR *dst, const WCHAR *src, size_t n) { return append(dst, src, n, 2); }
size_t crt_wcslen(const WCHAR *s) { return length(s, 2); }
int crt_wcscmp(const WCHAR *a, const WCHAR *b) { return compare(a, b, SIZE_MAX, 2, false); }
int crt_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n) { return compare(a, b, n, 2, false); }
int crt_stricmp(const char *a, const char *b) { return compare(a, b, SIZE_MAX, 1, true); }
int crt_wcsicmp(const WCHAR *a, const WCHAR *b) { return compare(a, b, SIZE_MAX, 2, true); }
int crt_strnicmp(const char *a, const char *b, size_t n) { return compare(a, b, n, 1, true); }
int crt_wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n) { return compare(a, b, n, 2, true); }
char *crt_strchr(const char *s, int c) { return find(s, (UCHAR)c, 1, false); }
WCHAR *crt_wcschr(const WCHAR *s, WCHAR c) { return find(s, c, 2, false); }
char *crt_strrchr(const char *s, int c) { return find(s, (UCHAR)c, 1, true); }
WCHAR *crt_wcsrchr(const WCHAR *s, WCHAR c) { return find(s, c, 2, true); }
char *crt_strstr(const char *s, const char *needle) { return find_string(s, needle, 1); }
WCHAR *crt_wcsstr(const WCHAR *s, const WCHAR *needle) { return find_string(s, needle, 2); }
char *crt_strlwr(char *s) { return map(s, 1, false); }
WCHAR *crt_wcslwr(WCHAR *s) { return map(s, 2, false); }
char *crt_strupr(char *s) { return map(s, 1, true); }
WCHAR *crt_wcsupr(WCHAR *s) { return map(s, 2, true); }
