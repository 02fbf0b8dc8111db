#include "tests/fuzz/fuzz_input.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

bool fuzz_more(const struct fuzz_input *in)
{
    return in->pos < in->size;
}

uint8_t fuzz_byte(struct fuzz_input *in)
{
    return fuzz_more(in) ? in->data[in->pos++] : 0;
}

uint32_t fuzz_u32(struct fuzz_input *in)
{
    uint32_t v = 0;
    for (int shift = 0; shift < 32; shift += 8)
        v |= (uint32_t)fuzz_byte(in) << shift;
    return v;
}

uint32_t fuzz_below(struct fuzz_input *in, uint32_t n)
{
    /* One byte where it is enough, so that most choices cost the fuzzer a single mutation. */
    return (n <= 256 ? fuzz_byte(in) : fuzz_u32(in)) % n;
}

size_t fuzz_string(struct fuzz_input *in, char *out, size_t size)
{
    size_t n = 0;
    while (fuzz_more(in) && n + 1 < size) {
        uint8_t c = fuzz_byte(in);
        if (!c)
            break;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return n;
}

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz check failed: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}
