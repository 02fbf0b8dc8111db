/* The 8-byte header in front of every small pool block, in the layout of Windows x86's POOL_HEADER:
 * sizes count 8-byte units, and the tag is the 4 bytes right before the pointer the caller gets. A
 * free block keeps the tag of its last owner, as on Windows. */
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
    uint16_t pool_index : 7;    /* the descriptor (enum pool_kind) | owner << 1 */
    uint16_t block_size : 9;    /* units, this header included */
    uint16_t pool_type : 7;     /* POOL_TYPE + 1 while allocated; 0 when free, as on Windows */
    uint32_t pool_tag;
};
_Static_assert(sizeof(struct pool_header) == POOL_UNIT, "POOL_HEADER is 8 bytes on x86");

/* A free small block holds, after its header, its page's free-list link and a check word bound to
 * the link and the block's own address (pool_bucket.h): a write after the free changes one without
 * the other, and the pool reports it before it follows the link. */
struct pool_free_link {
    struct pool_free_link *next;
    uintptr_t check;
};

/* An allocated block's owner: the number of the driver whose code allocated it (pool/verifier.h), 0
 * for the kernel's own code. Free blocks have none. */
#define POOL_INDEX_OWNER_SHIFT 1
#define POOL_INDEX_OWNER_MASK 0x3Eu

/* The smallest block that can hold its link and check word: 2 units on x86, 3 on the 64-bit host. */
#define POOL_MIN_BLOCK_UNITS ((sizeof(struct pool_header) + sizeof(struct pool_free_link) + POOL_UNIT - 1) / POOL_UNIT)

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

/* A block's first ULONG once it is freed: its type 0 and no owner, the rest kept. */
static inline uint32_t pool_header_word_freed(uint32_t w)
{
    return w & ~(0x7Fu << 25 | POOL_HEADER_OWNER_BITS);
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
