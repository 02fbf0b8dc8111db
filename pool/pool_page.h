/* The pool's pages: got from the page provider (mm/pool_pages.h), else from the must-succeed
 * reserve; the pages given back lately; the page table of small-block pages and big allocations that
 * the walks and the big frees use; the owner byte's values; the page counts. Callers hold the pool's spinlock (pool_locks.h)
 * around all of it. */
#ifndef PAGODA_POOL_PAGE_H
#define PAGODA_POOL_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool/hashtab.h"
#include "pool/pool_class.h"
#include "pool/pool_type.h"

#define POOL_RESERVE_PAGES 8 /* kept back for the must-succeed types */

enum page_use { PAGE_SMALL = 1, PAGE_BIG, PAGE_BIG_TAIL /* a later page of a big allocation */ };

/* One entry per page of small blocks and per big allocation (keyed by its first page). */
struct page_entry {
    struct hashtab_key key; /* page address */
    uint8_t use;            /* enum page_use */
    uint8_t kind;           /* enum pool_kind */
    uint8_t size_class;     /* small: pool_classes[] */
    uint8_t pool_type;      /* big: the POOL_TYPE asked for (its low bits) */
    uint8_t owner;          /* big: the owner number of the driver that allocated it, 0 the kernel */
    uint32_t tag;           /* big */
    uint32_t npages;        /* big */
    uint32_t bytes;         /* big: bytes asked for */
};

/* What the pool writes in a page's owner byte (pool_pages.h): the pool kind in bit 7, below it
 * PAGE_BIG or PAGE_BIG_TAIL, or for a page of small blocks POOL_OWNER_SMALL + a code that says its size
 * class (pool_small.h), so that a free finds the class without reading the page. */
#define POOL_OWNER_SMALL 4u
#define POOL_OWNER_KIND_SHIFT 7

static inline uint8_t pool_owner_byte(enum page_use use, enum pool_kind kind)
{
    return (uint8_t)(use | kind << POOL_OWNER_KIND_SHIFT);
}

static inline uint8_t pool_owner_small(unsigned code, enum pool_kind kind)
{
    return (uint8_t)((POOL_OWNER_SMALL + code) | kind << POOL_OWNER_KIND_SHIFT);
}

static inline enum pool_kind pool_owner_kind(uint8_t owner)
{
    return (enum pool_kind)(owner >> POOL_OWNER_KIND_SHIFT);
}

static inline enum page_use pool_owner_use(uint8_t owner)
{
    return (enum page_use)(owner & ((1u << POOL_OWNER_KIND_SHIFT) - 1));
}

/* A page of small blocks says in its owner byte a code: its size class, + POOL_SMALL_CLASSES for a page
 * of the must-succeed reserve, whose blocks skip the buckets' caches (pool_bucket.h) so that it goes
 * back to the reserve as soon as its last block is freed. */
#define POOL_SMALL_CODES (2 * POOL_SMALL_CLASSES)

static inline unsigned pool_small_code(unsigned size_class, bool reserve)
{
    return size_class + (reserve ? POOL_SMALL_CLASSES : 0);
}

static inline unsigned pool_small_code_class(unsigned code)
{
    return code < POOL_SMALL_CLASSES ? code : code - POOL_SMALL_CLASSES;
}

/* The code of a page of small blocks of kind with this owner byte; POOL_SMALL_CODES or more if it is
 * none (a byte below the kind's first wraps far above). */
static inline unsigned pool_owner_code(uint8_t owner, enum pool_kind kind)
{
    return (unsigned)owner - pool_owner_small(0, kind);
}

extern struct hashtab pool_page_table;

struct pool_stats {
    uint32_t small_pages[POOL_KINDS];
    uint32_t big_pages[POOL_KINDS];
    uint32_t big_allocations[POOL_KINDS];
    uint32_t reserve_free;
};
/* All but reserve_free, which pool_page_reserve_free tells. */
extern struct pool_stats pool_stats;

/* Sets the reserve aside: the pool's first call makes this one. */
void pool_page_init(void);
/* A page for the pool: from the provider, else (must_succeed) from the reserve; NULL if neither. */
void *pool_page_get(size_t npages, enum pool_kind kind, bool must_succeed);
void pool_page_put(void *pages, size_t npages);
/* Whether the page is one of the must-succeed reserve's: such a page goes back as soon as it is free. */
bool pool_page_in_reserve(const void *page);
/* Whether page went back by pool_page_put lately (the last 64 pages). */
bool pool_page_released_lately(uintptr_t page);
unsigned pool_page_reserve_free(void);

#endif
