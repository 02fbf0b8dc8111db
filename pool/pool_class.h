/* The size classes of small blocks, and where a class's blocks lie in its pages. Every page of small
 * blocks holds blocks of one class only (the segment heap's low-fragmentation buckets, without their
 * page-crossing blocks: the WDK promises that no request up to a page crosses one):
 *
 *   [record: 56 bytes][block 0][block 1] ... [block count-1][tail]
 *
 * The record is the page's own bookkeeping (pool_bucket.h), written as a pool block with its header, so
 * that a walk from the page start sees a block there too; the tail is a free block of what is left
 * (at least its header), so that every block has a next header in the page. The largest class has
 * one block of 4088 bytes at the page start and no record. Sizes count 8-byte units, header included:
 * 8-byte steps up to 128 bytes (at most 7 bytes of rounding); above that the class sizes are chosen so
 * that a page holds as many blocks of the class as it would of blocks of the size asked, from 504
 * bytes on exactly the largest size that fits a given count of blocks in a page. Those whose size is
 * a multiple of 64 bytes serve the CacheAligned types: the record puts their first block's pointer
 * 64 bytes into the page. */
#ifndef PAGODA_POOL_CLASS_H
#define PAGODA_POOL_CLASS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_header.h"
#include "pool/pool_type.h"

#define POOL_RECORD_UNITS 7 /* the page record, so that blocks start at 56: pointers at 64 */
#define POOL_SMALL_CLASSES (16 - POOL_MIN_BLOCK_UNITS + 1 + 16)
#define POOL_CLASS_NONE 0xFFu
/* The largest request of a CacheAligned type served from small blocks (the largest class whose size is a
 * multiple of 64 bytes, pool_class.c, less the header): larger ones take whole pages. */
#define POOL_CLASS_ALIGNED_MAX_BYTES (1344u - 8u)

/* What a free tests of a block of a class: that its pointer is a block start (pool_block_index), and
 * its header's first ULONG. */
struct pool_block_test {
    uint32_t inverse;    /* of the odd part of the class's size, modulo 2^32 */
    uint16_t offset;     /* the first block's pointer in its page: (first + 1) * 8 */
    uint16_t count;      /* blocks in a page */
    uint8_t shift;       /* the trailing zero bits of the size */
    uint8_t unused[3];
    uint32_t word;       /* an allocated block's first ULONG, of the kernel's (owner 0), its type bits the
                            pool's first type + 1 (NonPagedPool or PagedPool) */
    uint32_t word_first; /* the same for the page's first block, whose previous size is the record's */
};

struct pool_class {
    uint16_t units;     /* a block, header included */
    uint16_t first;     /* units before the first block: POOL_RECORD_UNITS, or 0 (the one-block class) */
    uint16_t count;     /* blocks in a page */
    uint16_t middle;    /* count - 2, and 0 for the one-block class: a free into a page with n blocks in
                           use changes nothing but its free list when n - 2 < middle (pool_bucket.h) */
    uint32_t bytes;     /* units * 8 */
    struct pool_block_test test; /* its words nonpaged pool's */
};
_Static_assert(sizeof(struct pool_class) == 32, "a class is indexed with a shift");

extern struct pool_class pool_classes[POOL_SMALL_CLASSES];
/* [units]: the class of a request of that many units (header included, rounded up), or
 * POOL_CLASS_NONE; the same for the CacheAligned types, which take only classes whose size is a
 * multiple of 64 bytes. */
extern uint8_t pool_class_of_units[POOL_PAGE_UNITS];
extern uint8_t pool_class_of_units_aligned[POOL_PAGE_UNITS];

/* Fills the tables above: the pool's first call makes this one. */
void pool_class_init(void);

/* The index of the block whose caller's pointer lies `offset` bytes into a page of the class t tests; its
 * count or more when none does (before the first block, past the last, or anywhere inside a block). The
 * distance from the first block's pointer (wrapping below it) times the inverse of the size's odd part,
 * rotated right by the size's trailing zeros, is the exact quotient when the size divides the distance,
 * and above 2^32 / size (so above any count) when it does not. */
__attribute__((always_inline)) static inline uint32_t pool_block_index(const struct pool_block_test *t,
                                                                     uint32_t offset)
{
    uint32_t u = (offset - t->offset) * t->inverse;
    return u >> t->shift | u << (32 - t->shift);
}

static inline uint32_t pool_class_block_index(const struct pool_class *c, uint32_t offset)
{
    return pool_block_index(&c->test, offset);
}

/* The units after a page's last block of class c: a free block (the tail), 1 unit at least. */
static inline unsigned pool_class_tail(const struct pool_class *c)
{
    return POOL_PAGE_UNITS - c->first - c->count * c->units;
}

/* The previous size the header of block `index` carries: the record's (or 0) for the first block. */
static inline unsigned pool_class_previous(const struct pool_class *c, uint32_t index)
{
    return index ? c->units : c->first;
}

/* The fields of an allocated block's first ULONG but the previous size, per kind: its descriptor and a
 * POOL_TYPE + 1 of its pool. The nonpaged types + 1 are the odd numbers under 8, the paged ones 2 and
 * 6, so one mask and one compare test both fields. */
_Static_assert(NonPagedPool + 1 == 1 && NonPagedPoolMustSucceed + 1 == 3 && NonPagedPoolCacheAligned + 1 == 5 &&
                   NonPagedPoolCacheAlignedMustS + 1 == 7 && PagedPool + 1 == 2 && PagedPoolCacheAligned + 1 == 6,
               "the nonpaged types + 1 are the odd numbers under 8, the paged ones 2 and 6");

static inline uint32_t pool_allocated_mask(enum pool_kind kind)
{
    uint32_t free_type_bits = kind == POOL_KIND_NONPAGED ? 6u : 4u;
    return POOL_HEADER_PREVIOUS_MASK | 0x7Fu << 9 | 0x1FFu << 16 | (0x7Fu & ~free_type_bits) << 25;
}

static inline uint32_t pool_allocated_fields(enum pool_kind kind, unsigned units)
{
    return pool_header_fields(kind, units, kind == POOL_KIND_NONPAGED ? 1u : 2u);
}

/* Class c's test with the words of kind. */
static inline struct pool_block_test pool_class_test(const struct pool_class *c, enum pool_kind kind)
{
    struct pool_block_test t = c->test;
    t.word = pool_allocated_fields(kind, c->units) | c->units;
    t.word_first = pool_allocated_fields(kind, c->units) | c->first;
    return t;
}

/* Reports what is wrong with the header h of the block p being freed from a page of class c of kind,
 * once the fast test said something is: a double free (0xC2/0x07), a corrupt type or index
 * (0xC2/0x01), a size of zero (0x19/0x8), past the page (0x19/0x9) or not the page's class (0x19/0x7),
 * a previous size before the page (0x19/0x6) or not the block before's (0x19/0x5). */
__attribute__((noreturn, cold)) void pool_class_bad_header(enum pool_kind kind, const struct pool_class *c,
                                                          struct pool_header *h, void *p);

#endif
