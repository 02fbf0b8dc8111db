/* Runs of free bits in a bitmap, found from a search hint: the allocator behind the paging-file slots
 * and the virtual-address ranges. Pure, so the host tests run it too. */
#ifndef PAGODA_MM_BITMAP_ALLOC_H
#define PAGODA_MM_BITMAP_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

#define BITMAP_NONE 0xFFFFFFFFu
#define BITMAP_WORDS(bits) (((bits) + 31) / 32)

struct bitmap_alloc {
    uint32_t *words; /* bit set: in use */
    uint32_t bits;
    uint32_t hint; /* where the next search starts: just past the last allocation */
    uint32_t used;
};

/* words must hold BITMAP_WORDS(bits) words; every bit starts free. */
void bitmap_alloc_init(struct bitmap_alloc *b, uint32_t *words, uint32_t bits);
/* The first bit of n free ones in a row, now in use, or BITMAP_NONE. */
uint32_t bitmap_alloc_run(struct bitmap_alloc *b, uint32_t n);
void bitmap_alloc_free_run(struct bitmap_alloc *b, uint32_t first, uint32_t n);
bool bitmap_alloc_in_use(const struct bitmap_alloc *b, uint32_t bit);
/* Whether any of bits [first, first + n) is in use; first and n multiples of 32. */
bool bitmap_alloc_any_in_use(const struct bitmap_alloc *b, uint32_t first, uint32_t n);

#endif
