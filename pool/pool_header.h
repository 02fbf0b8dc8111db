/* The 8-byte header in front of every small pool block, in the layout of Windows x86's POOL_HEADER:
 * sizes count 8-byte units, and the tag is the 4 bytes right before the pointer the caller gets. */
#ifndef PAGODA_POOL_HEADER_H
#define PAGODA_POOL_HEADER_H

#include <stdint.h>

#define POOL_UNIT 8u
#define POOL_PAGE 4096u
#define POOL_PAGE_UNITS (POOL_PAGE / POOL_UNIT)
#define POOL_SMALL_MAX (POOL_PAGE - 2 * POOL_UNIT) /* 4080: larger requests take whole pages */
#define POOL_CACHE_LINE 64u

struct pool_header {
    uint16_t previous_size : 9; /* units; 0 for the first block of a page */
    uint16_t pool_index : 7;    /* the descriptor (enum pool_kind) | owner << 1 | POOL_INDEX_CACHED */
    uint16_t block_size : 9;    /* units, this header included */
    uint16_t pool_type : 7;     /* POOL_TYPE + 1 while allocated; 0 when free, as on Windows */
    uint32_t pool_tag;
};
_Static_assert(sizeof(struct pool_header) == POOL_UNIT, "POOL_HEADER is 8 bytes on x86");

/* A free block sitting in one of the pool's own lookasides: free for double-free checks, but not to
 * be merged into a neighbour. */
#define POOL_INDEX_CACHED 0x40u
/* An allocated block's owner: the number of the driver whose code allocated it (pool/verifier.h), 0
 * for the kernel's own code. Free blocks have none. */
#define POOL_INDEX_OWNER_SHIFT 1
#define POOL_INDEX_OWNER_MASK 0x3Eu

/* Free blocks on the free lists carry their links after the header. */
struct pool_link {
    struct pool_link *flink, *blink;
};

/* The smallest block that can hold its free-list links; every allocated block is at least this big
 * so that any freed block can be listed (2 units on x86, 3 on the 64-bit host). */
#define POOL_MIN_BLOCK_UNITS ((sizeof(struct pool_header) + sizeof(struct pool_link) + POOL_UNIT - 1) / POOL_UNIT)

/* The header's first ULONG, so that hot paths test and set its four fields in one load or store
 * (GCC lays x86 bit fields out from the low bit: previous size in bits 0-8, then index, size, type). */
#define POOL_HEADER_PREVIOUS_MASK 0x1FFu

static inline uint32_t pool_header_word(const struct pool_header *h)
{
    uint32_t w;
    __builtin_memcpy(&w, h, sizeof(w));
    return w;
}

static inline void pool_header_set_word(struct pool_header *h, uint32_t w)
{
    __builtin_memcpy(h, &w, sizeof(w));
}

/* Every field of the first ULONG but the previous size. */
static inline uint32_t pool_header_fields(unsigned pool_index, unsigned block_size, unsigned pool_type)
{
    return (uint32_t)pool_index << 9 | (uint32_t)block_size << 16 | (uint32_t)pool_type << 25;
}

static inline unsigned pool_header_word_size(uint32_t w)
{
    return w >> 16 & 0x1FFu;
}

#define POOL_HEADER_OWNER_BITS ((uint32_t)POOL_INDEX_OWNER_MASK << 9)

static inline unsigned pool_header_word_owner(uint32_t w)
{
    return (w & POOL_HEADER_OWNER_BITS) >> (9 + POOL_INDEX_OWNER_SHIFT);
}

/* Writes an allocated block's header; w is its first ULONG as it stood, whose previous size stays. */
static inline void pool_header_set_allocated(struct pool_header *h, uint32_t w, unsigned pool_index, unsigned n,
                                             unsigned base_type, uint32_t tag)
{
    pool_header_set_word(h, (w & POOL_HEADER_PREVIOUS_MASK) | pool_header_fields(pool_index, n, base_type + 1));
    h->pool_tag = tag;
}

static inline struct pool_header *pool_header_of(const void *p)
{
    return (struct pool_header *)p - 1;
}

static inline uintptr_t pool_page_of(const void *p)
{
    return (uintptr_t)p & ~(uintptr_t)(POOL_PAGE - 1);
}

static inline unsigned pool_units_into_page(const struct pool_header *h)
{
    return (unsigned)(((uintptr_t)h & (POOL_PAGE - 1)) / POOL_UNIT);
}

#endif
