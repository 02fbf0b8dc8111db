/* Shared by the pool's own files only: the page table and the small-block engine's entry points. */
#ifndef PAGODA_POOL_INTERNAL_H
#define PAGODA_POOL_INTERNAL_H

#include "kernel/spinlock.h"
#include "pool/hashtab.h"
#include "pool/pool.h"
#include "pool/pool_header.h"

/* The pool's locks. A nonpaged pool call holds pool_spinlock throughout, at DISPATCH_LEVEL, so a DPC's
 * allocation never lands in the middle of one. The spinlock also guards what both pools share: the tag
 * table, the page table, the stats, the must-succeed reserve and the verifier's tracking. A paged pool
 * call touches pageable pages, so it cannot run at DISPATCH_LEVEL: like NT's paged pool mutex it raises
 * to APC_LEVEL (with no threads nothing else makes paged pool calls meanwhile, and a DPC may not), and
 * takes the spinlock only around what it shares. */
extern KSPIN_LOCK pool_spinlock;
/* The host library has one thread and no DPCs: there its pool takes no locks at all. */
#if defined(__i386__)
#define POOL_LOCKS 1
#else
#define POOL_LOCKS 0
#endif

static inline KIRQL pool_lock(enum pool_kind kind)
{
    if (!POOL_LOCKS)
        return PASSIVE_LEVEL;
    return kind == POOL_KIND_PAGED ? irql_raise_for_lock(APC_LEVEL) : spinlock_acquire(&pool_spinlock);
}

static inline void pool_unlock(enum pool_kind kind, KIRQL old)
{
    if (!POOL_LOCKS)
        return;
    if (kind == POOL_KIND_PAGED)
        KeLowerIrql(old);
    else
        spinlock_release(&pool_spinlock, old);
}

/* Around a use of the shared tables inside a call that holds pool_lock(kind). */
static inline KIRQL pool_shared_begin(enum pool_kind kind)
{
    return POOL_LOCKS && kind == POOL_KIND_PAGED ? spinlock_acquire(&pool_spinlock) : DISPATCH_LEVEL;
}

static inline void pool_shared_end(enum pool_kind kind, KIRQL old)
{
    if (POOL_LOCKS && kind == POOL_KIND_PAGED)
        spinlock_release(&pool_spinlock, old);
}

/* For readers that may run at any IRQL (poolmon, !pool, the stats): spinlock_acquire_reader. */
static inline KIRQL pool_tables_lock(void)
{
    return POOL_LOCKS ? spinlock_acquire_reader(&pool_spinlock) : HIGH_LEVEL;
}

static inline void pool_tables_unlock(KIRQL old)
{
    spinlock_release_reader(&pool_spinlock, old);
}

/* The per-tag counters, for a call that holds pool_lock(kind). */
static inline void pool_count_alloc(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    KIRQL old = pool_shared_begin(kind);
    tagtab_count_alloc(tag, kind, bytes);
    pool_shared_end(kind, old);
}

static inline void pool_count_free(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    KIRQL old = pool_shared_begin(kind);
    tagtab_count_free(tag, kind, bytes);
    pool_shared_end(kind, old);
}

enum page_use { PAGE_SMALL = 1, PAGE_BIG, PAGE_BIG_TAIL /* a later page of a big allocation */ };

/* One entry per page of small blocks and per big allocation (keyed by its first page). */
struct page_entry {
    struct hashtab_key key; /* page address */
    uint8_t use;            /* enum page_use */
    uint8_t kind;           /* enum pool_kind */
    uint16_t pool_type;     /* big: the POOL_TYPE asked for */
    uint32_t tag;           /* big */
    uint32_t npages;        /* big */
    uint32_t bytes;         /* big: bytes asked for */
};

/* What the pool writes in a page's owner byte (pool_pages.h): its use, and the pool kind above it. */
static inline uint8_t pool_owner_byte(enum page_use use, enum pool_kind kind)
{
    return (uint8_t)(use | kind << 4);
}

extern struct hashtab pool_page_table;
extern struct pool_stats pool_stats;

#define CACHE_SLACK_UNITS ((POOL_CACHE_LINE - POOL_UNIT) / POOL_UNIT)

static inline bool pool_type_cache_aligned(unsigned base_type)
{
    return base_type == NonPagedPoolCacheAligned || base_type == PagedPoolCacheAligned ||
           base_type == NonPagedPoolCacheAlignedMustS;
}

/* The units of a small block for a request of bytes, header included. */
static inline unsigned pool_units_for(SIZE_T bytes)
{
    unsigned n = (unsigned)((bytes + sizeof(struct pool_header) + POOL_UNIT - 1) / POOL_UNIT);
    return n < POOL_MIN_BLOCK_UNITS ? POOL_MIN_BLOCK_UNITS : n;
}

/* Whether a request of this type and size is served from small blocks (cache alignment needs slack).
 * Inline: the kernel build has no LTO to take it across files. */
static inline bool pool_small_fits(unsigned base_type, SIZE_T bytes)
{
    if (bytes > POOL_SMALL_MAX)
        return false;
    return !pool_type_cache_aligned(base_type) || pool_units_for(bytes) + CACHE_SLACK_UNITS < POOL_PAGE_UNITS;
}

/* The hot calls from pool.c into pool_small.c take their arguments in registers on i686 (the kernel
 * build has no LTO to inline them; x86-64 passes them so anyway). */
#ifdef __i386__
#define POOL_HOT_CALL __attribute__((regparm(3)))
#else
#define POOL_HOT_CALL
#endif

void pool_small_init(void);
/* NULL when no page can be had. */
POOL_HOT_CALL void *pool_small_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag);
/* After the owner byte said p's page holds small blocks of kind; tag 0 skips the tag check. The
 * first is the common case's fast path, which hands everything else to the second. */
POOL_HOT_CALL void pool_small_free_nonpaged(void *p, uint32_t tag);
void pool_small_free(enum pool_kind kind, void *p, uint32_t tag);
void pool_small_trim(void);

/* A page for the pool: from the provider, else (must_succeed) from the reserve; NULL if neither. */
void *pool_page_get(size_t npages, enum pool_kind kind, bool must_succeed);
void pool_page_put(void *pages, size_t npages);
/* Bugcheck 0xC2/0x09 when the current IRQL is too high to free a block of this kind. */
void pool_check_free_irql(enum pool_kind kind, ULONG_PTR type, void *p);

static inline bool pool_type_must_succeed(unsigned base_type)
{
    return base_type == NonPagedPoolMustSucceed || base_type == NonPagedPoolCacheAlignedMustS;
}

#endif
