#include "kernel/crt_print.h"

#include <stdbool.h>

#include "kernel/dbg_format.h"

#define WIDE_FORMAT_MAX 256

/* Microsoft's result: the length of the output if count holds it, else -1. */
static int result(int n, size_t count)
{
    return (size_t)n <= count ? n : -1;
}

int _vsnprintf(char *buffer, size_t count, const char *format, va_list ap)
{
    int n = dbg_vformat_unterminated(buffer, count, format, ap);
    if ((size_t)n < count)
        buffer[n] = 0;
    return result(n, count);
}

/* The letters of a conversion's size (%ws, %I64x, %hc...), which do not end it. */
static bool is_size(char c)
{
    return c == 'h' || c == 'l' || c == 'w' || c == 'I' || c == 'L' || c == 'z' || c == 't' || c == 'j' || c == 'q';
}

/* A wide format as a narrow one for dbg_format: an unsized %s, %c, %S or %C swaps its case, since a wide
 * printf's plain %s is a wide string and a narrow printf's is narrow (%ws, %hs, %wZ... stay). */
static void narrow_format(char *out, const unsigned short *format)
{
    bool in_spec = false;
    char before = 0;
    unsigned n = 0;
    for (; *format && n < WIDE_FORMAT_MAX - 1; format++) {
        char c = *format < 0x80 ? (char)*format : '?';
        bool sized = before == 'h' || before == 'l' || before == 'w';
        if (in_spec && !sized && (c == 's' || c == 'S' || c == 'c' || c == 'C'))
            c ^= 'a' - 'A';
        if (in_spec && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%'))
            in_spec = is_size(c);
        else if (!in_spec && c == '%')
            in_spec = true;
        out[n++] = before = c;
    }
    out[n] = 0;
}

int _vsnwprintf(unsigned short *buffer, size_t count, const unsigned short *format, va_list ap)
{
    char narrow[WIDE_FORMAT_MAX];
    narrow_format(narrow, format);
    int n = dbg_vformat_wide_unterminated(buffer, count, narrow, ap);
    if ((size_t)n < count)
        buffer[n] = 0;
    return result(n, count);
}

/* The variadic forms: the body of each is its va_list form (call, which reads ap) on its own arguments. */
#define WITH_VA_LIST(last, call)                                                                        \
    va_list ap;                                                                                         \
    va_start(ap, last);                                                                                 \
    int n = call;                                                                                       \
    va_end(ap);                                                                                         \
    return n

int _snprintf(char *buffer, size_t count, const char *format, ...)
{
    WITH_VA_LIST(format, _vsnprintf(buffer, count, format, ap));
}

int _snwprintf(unsigned short *buffer, size_t count, const unsigned short *format, ...)
{
    WITH_VA_LIST(format, _vsnwprintf(buffer, count, format, ap));
}

static int vsprintf_terminated(char *buffer, const char *format, va_list ap)
{
    int n = dbg_vformat_unterminated(buffer, (size_t)-1, format, ap);
    buffer[n] = 0;
    return n;
}

int sprintf(char *buffer, const char *format, ...)
{
    WITH_VA_LIST(format, vsprintf_terminated(buffer, format, ap));
}

/* No bound: the count is as large as the address space has WCHARs, so the output always fits. */
int swprintf(unsigned short *buffer, const unsigned short *format, ...)
{
    WITH_VA_LIST(format, _vsnwprintf(buffer, (size_t)-1 / sizeof *buffer, format, ap));
}
