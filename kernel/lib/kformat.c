#include "kernel/lib/kformat.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left;
    bool zero;
    int width;
};

static int emit_padded(format_sink sink, void *ctx, const struct spec *sp, const char *s, int len)
{
    int pad = sp->width > len ? sp->width - len : 0;
    char fill = sp->zero && !sp->left ? '0' : ' ';
    int out = 0;
    /* A zero-padded negative number keeps its sign in front of the zeros. */
    if (fill == '0' && len > 0 && s[0] == '-') {
        sink(ctx, '-');
        s++;
        len--;
        out++;
    }
    if (!sp->left)
        for (int i = 0; i < pad; i++, out++)
            sink(ctx, fill);
    for (int i = 0; i < len; i++, out++)
        sink(ctx, s[i]);
    if (sp->left)
        for (int i = 0; i < pad; i++, out++)
            sink(ctx, ' ');
    return out;
}

/* Writes the digits of v into the end of buf and returns where they start. */
static char *format_unsigned(char *end, unsigned long long v, unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        *--p = digits[v % base];
        v /= base;
    } while (v);
    return p;
}

int kvformat(format_sink sink, void *ctx, const char *fmt, va_list ap)
{
    int out = 0;
    char num[24];
    char *const num_end = num + sizeof(num);

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            sink(ctx, *fmt);
            out++;
            continue;
        }
        struct spec sp = { false, false, 0 };
        for (;; fmt++) {
            if (fmt[1] == '-')
                sp.left = true;
            else if (fmt[1] == '0')
                sp.zero = true;
            else
                break;
        }
        while (fmt[1] >= '0' && fmt[1] <= '9')
            sp.width = sp.width * 10 + (*++fmt - '0');
        int longs = 0;
        while (fmt[1] == 'l') {
            longs++;
            fmt++;
        }
        char conv = *++fmt;
        if (!conv)
            break;

        const char *s = num;
        int len = 0;
        unsigned long long u = 0;
        switch (conv) {
        case 'd':
        case 'i': {
            long long v = longs >= 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            char *p = format_unsigned(num_end, u, 10, false);
            if (v < 0)
                *--p = '-';
            s = p;
            len = (int)(num_end - p);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
            u = longs >= 2 ? va_arg(ap, unsigned long long)
                : longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            s = format_unsigned(num_end, u, conv == 'u' ? 10 : 16, conv == 'X');
            len = (int)(num_end - s);
            break;
        case 'p': {
            char *p = format_unsigned(num_end, (uintptr_t)va_arg(ap, void *), 16, false);
            while (num_end - p < (int)(2 * sizeof(void *)))
                *--p = '0';
            *--p = 'x';
            *--p = '0';
            s = p;
            len = (int)(num_end - p);
            break;
        }
        case 's':
            s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            while (s[len])
                len++;
            break;
        case 'c':
            num[0] = (char)va_arg(ap, int);
            len = 1;
            break;
        case '%':
            num[0] = '%';
            len = 1;
            break;
        default: /* unknown conversion: print it as written */
            num[0] = '%';
            num[1] = conv;
            len = 2;
            break;
        }
        out += emit_padded(sink, ctx, &sp, s, len);
    }
    return out;
}

struct buf_ctx {
    char *buf;
    size_t size;
    size_t pos;
};

static void buf_sink(void *ctx, char c)
{
    struct buf_ctx *b = ctx;
    if (b->pos + 1 < b->size)
        b->buf[b->pos] = c;
    b->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buf_ctx b = { buf, size, 0 };
    int n = kvformat(buf_sink, &b, fmt, ap);
    if (size)
        buf[b.pos < size ? b.pos : size - 1] = '\0';
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
