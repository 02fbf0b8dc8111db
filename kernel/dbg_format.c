#include "kernel/dbg_format.h"

#include "kernel/lib/kstring.h"

/* The first size characters go to buf, or to wide_buf as WCHARs; len counts them all. */
struct out {
    char *buf;
    WCHAR *wide_buf;
    SIZE_T size, len;
};

static void put(struct out *o, char c)
{
    if (o->len < o->size && o->wide_buf)
        o->wide_buf[o->len] = (UCHAR)c;
    else if (o->len < o->size)
        o->buf[o->len] = c;
    o->len++;
}

struct spec {
    int left, zero, plus, space, alt, width, precision; /* precision -1: none */
};

static void pad(struct out *o, int n, char c)
{
    while (n-- > 0)
        put(o, c);
}

/* A run of characters from a narrow or wide source, with width and precision. */
static void put_text(struct out *o, const struct spec *s, const void *text, SIZE_T count, int wide)
{
    if (!text) {
        text = "(null)", count = 6, wide = 0;
    }
    if (s->precision >= 0 && count > (SIZE_T)s->precision)
        count = (SIZE_T)s->precision;
    int fill = s->width > (int)count ? s->width - (int)count : 0;
    if (!s->left)
        pad(o, fill, ' ');
    for (SIZE_T i = 0; i < count; i++) {
        unsigned c = wide ? ((const WCHAR *)text)[i] : ((const unsigned char *)text)[i];
        put(o, wide && c > 0x7F ? '?' : (char)c);
    }
    if (s->left)
        pad(o, fill, ' ');
}

static SIZE_T wide_length(const WCHAR *w)
{
    SIZE_T n = 0;
    while (w && w[n])
        n++;
    return n;
}

static void put_number(struct out *o, const struct spec *s, unsigned long long v, int negative, unsigned base,
                       int upper, const char *prefix)
{
    char digits[24];
    int n = 0;
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        digits[n++] = set[v % base];
        v /= base;
    } while (v);
    if (s->precision == 0 && n == 1 && digits[0] == '0')
        n = 0;
    int zeros = s->precision > n ? s->precision - n : 0;
    char sign = negative ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
    int plen = 0;
    while (prefix && prefix[plen])
        plen++;
    int body = n + zeros + (sign != 0) + plen;
    int fill = s->width > body ? s->width - body : 0;
    if (s->zero && !s->left && s->precision < 0)
        zeros += fill, fill = 0;
    if (!s->left)
        pad(o, fill, ' ');
    if (sign)
        put(o, sign);
    for (int i = 0; i < plen; i++)
        put(o, prefix[i]);
    pad(o, zeros, '0');
    while (n)
        put(o, digits[--n]);
    if (s->left)
        pad(o, fill, ' ');
}

static int format(struct out o, const char *fmt, va_list ap)
{
    while (*fmt) {
        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt++;
        struct spec s = { 0, 0, 0, 0, 0, 0, -1 };
        for (;; fmt++) {
            if (*fmt == '-')
                s.left = 1;
            else if (*fmt == '0')
                s.zero = 1;
            else if (*fmt == '+')
                s.plus = 1;
            else if (*fmt == ' ')
                s.space = 1;
            else if (*fmt == '#')
                s.alt = 1;
            else
                break;
        }
        if (*fmt == '*') {
            s.width = va_arg(ap, int), fmt++;
            if (s.width < 0)
                s.left = 1, s.width = -s.width;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                s.width = s.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            s.precision = 0;
            if (*fmt == '*') {
                s.precision = va_arg(ap, int), fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    s.precision = s.precision * 10 + (*fmt++ - '0');
            }
        }
        /* Sizes: 8 bytes (ll, I64, L), pointer-sized (I, z, t, j is 8), short (h, hh), wide (w, l on text). */
        int bytes = 4, wide = 0, narrow = 0;
        for (;;) {
            if (fmt[0] == 'I' && fmt[1] == '6' && fmt[2] == '4')
                bytes = 8, fmt += 3;
            else if (fmt[0] == 'I' && fmt[1] == '3' && fmt[2] == '2')
                bytes = 4, fmt += 3;
            else if (fmt[0] == 'I' || fmt[0] == 'z' || fmt[0] == 't')
                bytes = sizeof(void *), fmt++;
            else if (fmt[0] == 'l' && fmt[1] == 'l')
                bytes = 8, fmt += 2;
            else if (fmt[0] == 'L' || fmt[0] == 'j')
                bytes = 8, fmt++;
            else if (fmt[0] == 'l')
                bytes = sizeof(long), wide = 1, fmt++;
            else if (fmt[0] == 'w')
                wide = 1, fmt++;
            else if (fmt[0] == 'h')
                narrow = 1, fmt++;
            else
                break;
        }
        char c = *fmt ? *fmt++ : 0;
        switch (c) {
        case 'd':
        case 'i': {
            long long v = bytes == 8 ? va_arg(ap, long long) : (long long)va_arg(ap, int);
            if (narrow)
                v = (short)v;
            put_number(&o, &s, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0, 10, 0, 0);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned long long v = bytes == 8 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
            if (narrow)
                v = (unsigned short)v;
            unsigned base = c == 'u' ? 10 : c == 'o' ? 8 : 16;
            const char *prefix = s.alt && v ? (c == 'x' ? "0x" : c == 'X' ? "0X" : c == 'o' ? "0" : 0) : 0;
            put_number(&o, &s, v, 0, base, c == 'X', prefix);
            break;
        }
        case 'p': {
            struct spec p = s;
            p.precision = 2 * (int)sizeof(void *);
            put_number(&o, &p, (uintptr_t)va_arg(ap, void *), 0, 16, 1, 0);
            break;
        }
        case 'c':
        case 'C': {
            int is_wide = c == 'C' ? !narrow : wide;
            WCHAR ch = (WCHAR)va_arg(ap, int);
            unsigned char nc = (unsigned char)ch;
            put_text(&o, &s, is_wide ? (const void *)&ch : (const void *)&nc, 1, is_wide);
            break;
        }
        case 's':
        case 'S': {
            int is_wide = c == 'S' ? !narrow : wide;
            const void *text = va_arg(ap, const void *);
            put_text(&o, &s, text, is_wide ? wide_length(text) : (text ? strlen(text) : 0), is_wide);
            break;
        }
        case 'Z': {
            /* %wZ: a PUNICODE_STRING; %Z: a PANSI_STRING. Counted, no terminator needed. */
            const UNICODE_STRING *u = va_arg(ap, const UNICODE_STRING *);
            if (!u || !u->Buffer)
                put_text(&o, &s, 0, 0, 0);
            else
                put_text(&o, &s, u->Buffer, wide ? u->Length / sizeof(WCHAR) : u->Length, wide);
            break;
        }
        case 'n':
            (void)va_arg(ap, void *); /* never written: as the kernel's safe runtime */
            break;
        case '%':
            put(&o, '%');
            break;
        default:
            put(&o, '%');
            if (c)
                put(&o, c);
            break;
        }
    }
    return (int)o.len;
}

int dbg_vformat_unterminated(char *buf, SIZE_T size, const char *fmt, va_list ap)
{
    return format((struct out){ .buf = buf, .size = size }, fmt, ap);
}

int dbg_vformat_wide_unterminated(WCHAR *buf, SIZE_T size, const char *fmt, va_list ap)
{
    return format((struct out){ .wide_buf = buf, .size = size }, fmt, ap);
}

int dbg_vformat(char *buf, SIZE_T size, const char *fmt, va_list ap)
{
    if (!size)
        return dbg_vformat_unterminated(buf, 0, fmt, ap);
    int n = dbg_vformat_unterminated(buf, size - 1, fmt, ap);
    buf[(SIZE_T)n < size - 1 ? (SIZE_T)n : size - 1] = 0;
    return n;
}

void dbg_format(char *buf, SIZE_T size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dbg_vformat(buf, size, fmt, ap);
    va_end(ap);
}
