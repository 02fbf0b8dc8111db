/* The WDK's pool calls: type and IRQL rules, the choice between small blocks (pool_small.h) and whole
 * pages (pool_big.h), a trim of the empty pages the pool keeps and a second try when no page is left,
 * the must-succeed bugcheck. A free goes by the page's owner byte. Driver Verifier (verifier.h) steps in
 * only while one of its switches is on. Needs no init call: the first call sets the pool up. */
#include "pool/pool.h"

#include "mm/pool_pages.h"
#include "mm/special_pages.h"
#include "pool/pool_big.h"
#include "pool/pool_locks.h"
#include "pool/special_pool.h"
#include "pool/verifier.h"

static bool ready;

static void pool_init(void)
{
    ready = true;
    pool_small_init();
    pool_page_init();
}

__attribute__((always_inline)) static inline void *pool_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes,
                                                             uint32_t tag)
{
    return pool_small_fits(base_type, bytes) ? pool_small_alloc(kind, base_type, bytes, tag)
                                             : pool_big_alloc(kind, base_type, bytes, tag);
}

/* One try under the pool's lock; with a verifier switch on, special pool first and the block tracked. */
static __attribute__((noinline)) void *verified_try(enum pool_kind kind, unsigned base_type, SIZE_T bytes,
                                                    uint32_t tag)
{
    KIRQL old = pool_lock(kind), shared = pool_shared_begin(kind);
    bool special = verifier_wants_special_pool(tag);
    pool_shared_end(kind, shared);
    void *p = special ? special_pool_alloc(kind, base_type, bytes, tag) : 0;
    if (!p)
        p = pool_alloc(kind, base_type, bytes, tag);
    if (p) {
        shared = pool_shared_begin(kind);
        verifier_track_allocation(p, (uint32_t)bytes, tag, kind);
        pool_shared_end(kind, shared);
    }
    pool_unlock(kind, old);
    return p;
}

static inline void *plain_try(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    KIRQL old = pool_lock(kind);
    void *p = pool_alloc(kind, base_type, bytes, tag);
    pool_unlock(kind, old);
    return p;
}

/* After a try found no page: the empty pages the pool keeps for its size classes go back first and
 * the call tries once more, as a kernel under memory pressure would. */
static __attribute__((noinline, cold)) void *alloc_after_trim(POOL_TYPE type, SIZE_T bytes, uint32_t tag)
{
    enum pool_kind kind = pool_kind_of(type);
    unsigned base_type = (unsigned)type & 7u;
    pool_trim();
    return verifier_active ? verified_try(kind, base_type, bytes, tag) : plain_try(kind, base_type, bytes, tag);
}

/* With a verifier switch on. Low resources fail a share of the calls before they reach the pool: no
 * trim and no second try for those. */
static __attribute__((noinline)) void *verified_alloc(POOL_TYPE type, SIZE_T bytes, uint32_t tag)
{
    enum pool_kind kind = pool_kind_of(type);
    unsigned base_type = (unsigned)type & 7u;
    KIRQL old = pool_lock(kind), shared = pool_shared_begin(kind);
    bool fail = verifier_fails_allocation(base_type);
    pool_shared_end(kind, shared);
    pool_unlock(kind, old);
    if (fail)
        return 0;
    void *p = verified_try(kind, base_type, bytes, tag);
    return p ? p : alloc_after_trim(type, bytes, tag);
}

void pool_raise_insufficient_resources(void *caller)
{
    KeBugCheckEx(BUGCHECK_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)STATUS_INSUFFICIENT_RESOURCES, (ULONG_PTR)caller,
                 0, 0);
}

__attribute__((noinline, noreturn, cold)) static void must_succeed_empty(SIZE_T bytes)
{
    struct pool_stats s;
    pool_get_stats(&s);
    KeBugCheckEx(BUGCHECK_MUST_SUCCEED_POOL_EMPTY, bytes,
                 s.small_pages[POOL_KIND_NONPAGED] + s.big_pages[POOL_KIND_NONPAGED],
                 s.big_allocations[POOL_KIND_NONPAGED], s.reserve_free);
}

PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    if (!pool_type_valid(PoolType))
        return 0;
    enum pool_kind kind = pool_kind_of(PoolType);
    KIRQL irql = KeGetCurrentIrql();
    if (irql > pool_highest_irql(kind))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_ALLOCATE_IRQL, irql, PoolType, NumberOfBytes);
    if (!ready)
        pool_init();
    unsigned base_type = (unsigned)PoolType & 7u;
    void *p;
    KIRQL old = pool_lock(kind);
    if (__builtin_expect(verifier_active, 0)) { /* its own way, locking again */
        pool_unlock(kind, old);
        p = verified_alloc(PoolType, NumberOfBytes, Tag);
    } else {
        p = pool_alloc(kind, base_type, NumberOfBytes, Tag);
        pool_unlock(kind, old);
        if (__builtin_expect(!p, 0))
            p = alloc_after_trim(PoolType, NumberOfBytes, Tag);
    }
    if (__builtin_expect(!p, 0) && pool_type_must_succeed(base_type))
        must_succeed_empty(NumberOfBytes);
    if (__builtin_expect(!p, 0) && ((unsigned)PoolType & POOL_RAISE_IF_ALLOCATION_FAILURE))
        pool_raise_insufficient_resources(__builtin_return_address(0));
    return p;
}

#undef ExAllocatePool
PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, POOL_TAG_NONE);
}

/* Every free but that of a small block: special pool, an address that is no block, big allocations.
 * Out of line, so that a small free makes no call and saves no registers. */
__attribute__((noinline)) static void free_not_small(void *p, uint32_t tag, const uint8_t *owner)
{
    uintptr_t page = pool_page_of(p);
    if (!owner || !*owner) {
        if (special_pages_contains(p)) { /* outside the pool's ranges: looked for only here */
            special_pool_free(p, tag);
            return;
        }
        if (pool_page_released_lately(page))
            KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_DOUBLE_FREE, 0, 0, (ULONG_PTR)p);
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_NOT_POOL, (ULONG_PTR)p, 0, 0);
    }
    enum pool_kind kind = pool_owner_kind(*owner);
    if (pool_owner_use(*owner) == PAGE_BIG_TAIL)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    pool_big_free(kind, p, page, tag);
}

/* A free while the verifier tracks allocations, in a call that holds pool_lock(kind). */
__attribute__((noinline)) static void untrack(enum pool_kind kind, void *p)
{
    KIRQL old = pool_shared_begin(kind);
    verifier_untrack(p);
    pool_shared_end(kind, old);
}

/* A small block's free, with its kind known (a constant where it is inlined, so the tests fold) and
 * its size class. */
__attribute__((always_inline)) static inline void small_free(enum pool_kind kind, void *p, uint32_t tag,
                                                             unsigned size_class)
{
    pool_check_free_irql(kind, kind == POOL_KIND_PAGED ? PagedPool : NonPagedPool, p);
    KIRQL old = pool_lock(kind);
    if (__builtin_expect(verifier_tracked, 0))
        untrack(kind, p);
    if (kind == POOL_KIND_NONPAGED)
        pool_small_free_nonpaged(p, tag, size_class);
    else
        pool_small_free(kind, p, tag, size_class);
    pool_unlock(kind, old);
}

/* The page's owner byte says what it holds: small blocks of a size class go to pool_small.c without
 * a lookup, big allocations are found in the page table. The byte is read unlocked: a live block's
 * page cannot go away meanwhile, and for an address that is no block any answer ends in a bugcheck. */
__attribute__((always_inline)) static inline void pool_free(void *p, uint32_t tag)
{
    if (__builtin_expect(!ready, 0))
        pool_init();
    const uint8_t *owner = pool_pages_owner(p);
    uint8_t use = owner ? *owner : 0;
    unsigned nonpaged_class = pool_owner_class(use, POOL_KIND_NONPAGED);
    unsigned paged_class = pool_owner_class(use, POOL_KIND_PAGED);
    if (nonpaged_class < POOL_SMALL_CLASSES)
        small_free(POOL_KIND_NONPAGED, p, tag, nonpaged_class);
    else if (paged_class < POOL_SMALL_CLASSES)
        small_free(POOL_KIND_PAGED, p, tag, paged_class);
    else
        free_not_small(p, tag, owner);
}

VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    pool_free(P, (uint32_t)Tag);
}

VOID NTAPI ExFreePool(PVOID P)
{
    pool_free(P, 0);
}

void pool_trim(void)
{
    if (!ready)
        return;
    for (unsigned k = 0; k < POOL_KINDS; k++)
        if (KeGetCurrentIrql() <= pool_highest_irql(k))
            pool_small_trim(k);
}

void pool_get_stats(struct pool_stats *out)
{
    KIRQL old = pool_tables_lock();
    *out = pool_stats;
    out->reserve_free = pool_page_reserve_free();
    pool_tables_unlock(old);
}
