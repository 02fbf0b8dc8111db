#include "mm/bitmap_alloc.h"

void bitmap_alloc_init(struct bitmap_alloc *b, uint32_t *words, uint32_t bits)
{
    b->words = words;
    b->bits = bits;
    b->hint = 0;
    b->used = 0;
    for (uint32_t i = 0; i < BITMAP_WORDS(bits); i++)
        words[i] = 0;
}

bool bitmap_alloc_in_use(const struct bitmap_alloc *b, uint32_t bit)
{
    return b->words[bit / 32] >> (bit % 32) & 1;
}

bool bitmap_alloc_any_in_use(const struct bitmap_alloc *b, uint32_t first, uint32_t n)
{
    for (uint32_t w = first / 32; w < (first + n) / 32 && w < BITMAP_WORDS(b->bits); w++)
        if (b->words[w])
            return true;
    return false;
}

static void set_run(struct bitmap_alloc *b, uint32_t first, uint32_t n, bool in_use)
{
    for (uint32_t i = first; i < first + n; i++) {
        if (in_use)
            b->words[i / 32] |= 1u << (i % 32);
        else
            b->words[i / 32] &= ~(1u << (i % 32));
    }
}

/* A run of n free bits starting in [from, to), or BITMAP_NONE. Full words are skipped whole. */
static uint32_t find_run(const struct bitmap_alloc *b, uint32_t from, uint32_t to, uint32_t n)
{
    uint32_t start = from, length = 0;
    for (uint32_t i = from; i < b->bits && (length || i < to);) {
        if (!length && i % 32 == 0 && b->words[i / 32] == 0xFFFFFFFFu) {
            i += 32;
            start = i;
            continue;
        }
        if (bitmap_alloc_in_use(b, i)) {
            length = 0;
            start = i + 1;
        } else if (++length == n) {
            return start;
        }
        i++;
    }
    return BITMAP_NONE;
}

uint32_t bitmap_alloc_run(struct bitmap_alloc *b, uint32_t n)
{
    if (n == 0 || n > b->bits - b->used)
        return BITMAP_NONE;
    uint32_t first = find_run(b, b->hint, b->bits, n);
    if (first == BITMAP_NONE)
        first = find_run(b, 0, b->hint, n);
    if (first == BITMAP_NONE)
        return BITMAP_NONE;
    set_run(b, first, n, true);
    b->used += n;
    b->hint = first + n < b->bits ? first + n : 0;
    return first;
}

void bitmap_alloc_free_run(struct bitmap_alloc *b, uint32_t first, uint32_t n)
{
    set_run(b, first, n, false);
    b->used -= n;
}
