#include "pool/pool_class.h"

#include "kernel/bugcheck.h"
#include "pool/pool_violations.h"

/* Above 128 bytes, in units: page-friendly sizes at about four to a doubling, then from 504 bytes the
 * largest block that fits 8, 7, ... 2 to a page (504 units less the record and a tail unit, divided),
 * and the one block of a page. */
static const uint16_t large_units[16] = { 20, 24, 28, 32, 36, 42, 50, 56, 63, 72, 84, 100, 126, 168, 252, 511 };
_Static_assert(POOL_SMALL_CLASSES == 16 - POOL_MIN_BLOCK_UNITS + 1 + 16, "8-byte steps to 128 bytes, then these");

struct pool_class pool_classes[POOL_SMALL_CLASSES];
uint8_t pool_class_of_units[POOL_PAGE_UNITS];
uint8_t pool_class_of_units_aligned[POOL_PAGE_UNITS];

/* The inverse of an odd number modulo 2^32, by Newton's iteration: each step doubles the bits that are
 * right, from the 3 that d itself gets right. */
static uint32_t inverse_of_odd(uint32_t d)
{
    uint32_t x = d;
    for (unsigned i = 0; i < 4; i++)
        x *= 2 - d * x;
    return x;
}

static void set_class(unsigned i, unsigned units)
{
    struct pool_class *c = &pool_classes[i];
    c->units = (uint16_t)units;
    c->first = units * 2 > POOL_PAGE_UNITS ? 0 : POOL_RECORD_UNITS;
    c->count = (uint16_t)((POOL_PAGE_UNITS - c->first - 1) / units);
    c->middle = (uint16_t)(c->first ? c->count - 2 : 0);
    c->bytes = units * POOL_UNIT;
    c->test.shift = (uint8_t)__builtin_ctz(c->bytes);
    c->test.inverse = inverse_of_odd(c->bytes >> c->test.shift);
    c->test.offset = (uint16_t)((c->first + 1u) * POOL_UNIT);
    c->test.count = c->count;
    c->test = pool_class_test(c, POOL_KIND_NONPAGED);
}

void pool_class_init(void)
{
    unsigned n = 0;
    for (unsigned units = POOL_MIN_BLOCK_UNITS; units <= 16; units++)
        set_class(n++, units);
    for (unsigned i = 0; i < 16; i++)
        set_class(n++, large_units[i]);
    /* Each size takes the smallest class that holds it; an aligned one, the smallest of 64-byte multiples. */
    unsigned c = 0, a = 0;
    for (unsigned units = 0; units < POOL_PAGE_UNITS; units++) {
        while (c < POOL_SMALL_CLASSES && pool_classes[c].units < units)
            c++;
        while (a < POOL_SMALL_CLASSES && (pool_classes[a].units < units || pool_classes[a].units % 8))
            a++;
        pool_class_of_units[units] = c < POOL_SMALL_CLASSES ? (uint8_t)c : POOL_CLASS_NONE;
        pool_class_of_units_aligned[units] = a < POOL_SMALL_CLASSES ? (uint8_t)a : POOL_CLASS_NONE;
    }
}

/* Whether a previous size of prev units fits a block at `at` units into its page: 0 exactly for the
 * page's first block, else no further back than the page start. */
static bool previous_fits(unsigned prev, unsigned at)
{
    return prev - 1u < at || (prev | at) == 0;
}

void pool_class_bad_header(enum pool_kind kind, const struct pool_class *c, struct pool_header *h, void *p)
{
    uint32_t w = pool_header_word(h);
    unsigned at = pool_units_into_page(h), n = pool_header_word_size(w), prev = w & POOL_HEADER_PREVIOUS_MASK;
    unsigned type = (w >> 25) - 1u, index = pool_class_block_index(c, (at + 1) * POOL_UNIT);
    if (w >> 25 == 0)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_DOUBLE_FREE, 0, w, (ULONG_PTR)p);
    if ((w >> 9 & 0x7Fu & ~POOL_INDEX_OWNER_MASK) != kind || type >= MaxPoolType || type == DontUseThisType ||
        pool_kind_of((POOL_TYPE)type) != kind)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_HEADER, (ULONG_PTR)h, w, 0);
    if (n == 0)
        pool_bad_header(POOL_HEADER_SIZE_ZERO, 0, 0, h);
    if (at + n > POOL_PAGE_UNITS)
        pool_bad_header(POOL_HEADER_SIZE_TOO_LARGE, h, 0, h);
    if (n != c->units)
        pool_bad_header(POOL_HEADER_SIZE_CORRUPT, 0, 0, h);
    if (!previous_fits(prev, at))
        pool_bad_header(POOL_HEADER_PREVIOUS_TOO_LARGE, h, 0, h);
    pool_bad_header(POOL_HEADER_NEIGHBOURS, h - pool_class_previous(c, index), 0, h); /* the one test left */
}
