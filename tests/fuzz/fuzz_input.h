/* What the fuzz targets share (all but the pool's, which came first): the input read as a stream of
 * choices, and one way to fail, which prints why and aborts so that libFuzzer keeps the input. */
#ifndef PAGODA_FUZZ_INPUT_H
#define PAGODA_FUZZ_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fuzz_input {
    const uint8_t *data;
    size_t size, pos;
};

/* Whether any byte is left; past the end every read gives 0, so a short input is a valid program. */
bool fuzz_more(const struct fuzz_input *in);
uint8_t fuzz_byte(struct fuzz_input *in);
/* Four bytes, lowest first. */
uint32_t fuzz_u32(struct fuzz_input *in);
/* A number below n (n > 0). */
uint32_t fuzz_below(struct fuzz_input *in, uint32_t n);
/* Bytes up to the next NUL or the end, at most size - 1 of them, into out (terminated). Returns the
 * length. */
size_t fuzz_string(struct fuzz_input *in, char *out, size_t size);

__attribute__((noreturn, format(printf, 1, 2))) void fuzz_fail(const char *fmt, ...);
#define FUZZ_CHECK(cond, ...)        \
    do {                             \
        if (!(cond))                 \
            fuzz_fail(__VA_ARGS__);  \
    } while (0)

#endif
