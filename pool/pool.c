/* The WDK's pool calls: type and IRQL rules, the choice between small blocks (pool_small.h) and whole
 * pages (pool_big.h), a trim of the empty pages the pool keeps and a second try when no page is left,
 * the must-succeed bugcheck. A free goes by the page's owner byte. Driver Verifier (verifier.h) steps in
 * only while one of its switches is on, and for the calls of drivers.
 *
 * Every call knows its caller: the return address into the code that called the WDK routine (or, for
 * a call the kernel makes on a driver's behalf, the driver's: pool_allocate_as). A caller in a driver
 * image (kernel/driver_code.h) takes the verifier's path: its block is charged to that driver, and a
 * verified driver's call is checked first. Anyone else's costs two compares. Needs no init call: the
 * first call that needs the pool's tables sets it up (pool_small.h). */
#include "pool/pool.h"

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "kernel/live_objects.h"
#include "mm/pool_pages.h"
#include "mm/special_pages.h"
#include "pool/freed_objects.h"
#include "pool/pool_big.h"
#include "pool/pool_locks.h"
#include "pool/special_pool.h"
#include "pool/verifier.h"

__attribute__((always_inline)) static inline void *pool_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes,
                                                             uint32_t tag)
{
    if (pool_small_fits(base_type, bytes))
        return pool_small_alloc(kind, base_type, bytes, tag);
    if (!pool_ready) /* the must-succeed reserve */
        pool_small_setup(kind);
    return pool_big_alloc(kind, base_type, bytes, tag);
}

/* A block just allocated for a driver: its owner number in the header (small blocks, under
 * pool_lock(kind), as a pageable header may be touched only there) or in the page table (big ones).
 * Returns its block bytes, or 0 for a big one, which verified_try marks under the spinlock. */
static uint32_t mark_small_owner(void *p, unsigned base_type, SIZE_T bytes, unsigned owner)
{
    return owner && pool_small_fits(base_type, bytes) ? pool_small_set_owner(p, owner) : 0;
}

/* One try under the pool's lock for a driver (NULL: the kernel) or with a verifier switch on: special
 * pool first, the block marked with its owner, charged to it, and tracked. */
static __attribute__((noinline)) void *verified_try(struct verifier_driver *d, enum pool_kind kind,
                                                    unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    unsigned owner = d ? d->number : 0;
    KIRQL old = pool_lock(kind), shared = pool_shared_begin(kind);
    bool special = verifier_wants_special_pool(d, tag);
    pool_shared_end(kind, shared);
    void *p = special ? special_pool_alloc(kind, base_type, bytes, tag, owner) : 0;
    uint32_t block = POOL_PAGE;
    if (!p) {
        p = pool_alloc(kind, base_type, bytes, tag);
        block = p ? mark_small_owner(p, base_type, bytes, owner) : 0;
    }
    if (p) {
        shared = pool_shared_begin(kind);
        if (owner && !block)
            block = pool_big_set_owner(p, owner);
        if (owner)
            verifier_charge(owner, tag, kind, block);
        verifier_track_allocation(d, p, (uint32_t)bytes, tag, kind);
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
static __attribute__((noinline, cold)) void *alloc_after_trim(struct verifier_driver *d, POOL_TYPE type, SIZE_T bytes,
                                                              uint32_t tag)
{
    enum pool_kind kind = pool_kind_of(type);
    unsigned base_type = pool_base_type(type);
    pool_trim();
    return d || verifier_active ? verified_try(d, kind, base_type, bytes, tag) : plain_try(kind, base_type, bytes, tag);
}

/* For a driver or with a verifier switch on. Low resources fail a share of the calls before they reach
 * the pool: no trim and no second try for those. */
static __attribute__((noinline)) void *verified_alloc(struct verifier_driver *d, POOL_TYPE type, SIZE_T bytes,
                                                      uint32_t tag)
{
    enum pool_kind kind = pool_kind_of(type);
    unsigned base_type = pool_base_type(type);
    KIRQL old = pool_lock(kind), shared = pool_shared_begin(kind);
    bool fail = verifier_fails_allocation(d, base_type);
    pool_shared_end(kind, shared);
    pool_unlock(kind, old);
    if (fail)
        return 0;
    void *p = verified_try(d, kind, base_type, bytes, tag);
    return p ? p : alloc_after_trim(d, type, bytes, tag);
}

void pool_raise_insufficient_resources(const void *caller)
{
    bugcheck_unhandled_status(STATUS_INSUFFICIENT_RESOURCES, caller);
}

__attribute__((noinline, noreturn, cold)) static void must_succeed_empty(SIZE_T bytes)
{
    struct pool_stats s;
    pool_get_stats(&s);
    KeBugCheckEx(BUGCHECK_MUST_SUCCEED_POOL_EMPTY, bytes,
                 s.small_pages[POOL_KIND_NONPAGED] + s.big_pages[POOL_KIND_NONPAGED],
                 s.big_allocations[POOL_KIND_NONPAGED], s.reserve_free);
}

/* ExAllocatePoolWithTag for the driver d whose code called (NULL: the kernel's own code). As the checked
 * kernel, a zero-byte request is 0xC2/0x00 from anyone. Every allocation but the common one. */
static __attribute__((noinline)) void *allocate(struct verifier_driver *d, POOL_TYPE PoolType, SIZE_T NumberOfBytes,
                                                ULONG Tag, const void *caller)
{
    if (!pool_type_valid(PoolType))
        return 0;
    if (d)
        verifier_check_allocation(d, PoolType, NumberOfBytes, Tag, caller);
    if (__builtin_expect(NumberOfBytes == 0, 0))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_ZERO_BYTES, 0, PoolType, Tag);
    enum pool_kind kind = pool_kind_of(PoolType);
    KIRQL irql = KeGetCurrentIrql();
    if (irql > pool_highest_irql(kind))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_ALLOCATE_IRQL, irql, PoolType, NumberOfBytes);
    unsigned base_type = pool_base_type(PoolType);
    void *p;
    KIRQL old = pool_lock_at(kind, irql);
    if (d || __builtin_expect(verifier_active, 0)) { /* its own way, locking again */
        pool_unlock(kind, old);
        p = verified_alloc(d, PoolType, NumberOfBytes, Tag);
    } else {
        p = pool_alloc(kind, base_type, NumberOfBytes, Tag);
        pool_unlock(kind, old);
        if (__builtin_expect(!p, 0))
            p = alloc_after_trim(0, PoolType, NumberOfBytes, Tag);
    }
    if (__builtin_expect(!p, 0) && pool_type_must_succeed(base_type))
        must_succeed_empty(NumberOfBytes);
    if (__builtin_expect(!p, 0) && ((unsigned)PoolType & POOL_RAISE_IF_ALLOCATION_FAILURE))
        pool_raise_insufficient_resources(caller);
    return p;
}

/* The rest of a common allocation whose class's cache had no block of the tag counted last: the block
 * from its pages, under the lock allocate_common took (old: the IRQL to return to), without the tests
 * again; allocate's, which makes every test again, when no page can be had. */
static __attribute__((noinline)) void *allocate_uncached(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
                                                         const void *caller, KIRQL old)
{
    void *p = pool_small_alloc_slow(POOL_KIND_NONPAGED, pool_base_type(PoolType), NumberOfBytes, Tag);
    pool_unlock(POOL_KIND_NONPAGED, old);
    return p ? p : allocate(0, PoolType, NumberOfBytes, Tag, caller);
}

/* The common allocation, the kernel's own of a small nonpaged block at an IRQL that may: no call when
 * its class's cache holds a block (a test that fails leaves the rest to allocate, which makes every
 * test again). */
static __attribute__((always_inline)) inline void *allocate_common(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
                                                                   ULONG Tag, const void *caller)
{
    unsigned base_type = pool_base_type(PoolType);
    KIRQL irql = KeGetCurrentIrql();
    if (pool_type_valid(PoolType) && pool_kind_of(PoolType) == POOL_KIND_NONPAGED && irql <= DISPATCH_LEVEL &&
        NumberOfBytes - 1 < POOL_SMALL_MAX && pool_small_fits(base_type, NumberOfBytes) && !verifier_active) {
        KIRQL old = pool_lock_at(POOL_KIND_NONPAGED, irql);
        void *p = pool_small_take_cached(base_type, NumberOfBytes, Tag);
        if (__builtin_expect(!p, 0))
            return allocate_uncached(PoolType, NumberOfBytes, Tag, caller, old);
        pool_unlock(POOL_KIND_NONPAGED, old);
        return p;
    }
    return allocate(0, PoolType, NumberOfBytes, Tag, caller);
}

static __attribute__((noinline)) void *driver_allocate(unsigned owner, POOL_TYPE PoolType, SIZE_T NumberOfBytes,
                                                       ULONG Tag, const void *caller)
{
    return allocate(verifier_driver_numbered(owner), PoolType, NumberOfBytes, Tag, caller);
}

static __attribute__((always_inline)) inline void *allocate_for(const void *caller, POOL_TYPE PoolType,
                                                                SIZE_T NumberOfBytes, ULONG Tag)
{
    unsigned owner = driver_code_owner(caller);
    if (__builtin_expect(owner != 0, 0))
        return driver_allocate(owner, PoolType, NumberOfBytes, Tag, caller);
    return allocate_common(PoolType, NumberOfBytes, Tag, caller);
}

PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return allocate_for(__builtin_return_address(0), PoolType, NumberOfBytes, Tag);
}

void *pool_allocate_as(const void *caller, POOL_TYPE type, SIZE_T bytes, ULONG tag)
{
    return allocate_for(caller, type, bytes, tag);
}

#undef ExAllocatePool
PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
    return pool_allocate_as(__builtin_return_address(0), PoolType, NumberOfBytes, POOL_TAG_NONE);
}

/* Every free but that of a small block: special pool, an address that is no block, big allocations.
 * Out of line, so that a small free makes no call and saves no registers. */
__attribute__((noinline)) static void free_not_small(void *p, uint32_t tag, const uint8_t *owner, const void *caller)
{
    uintptr_t page = pool_page_of(p);
    if (!owner || !*owner) {
        if (special_pages_contains(p)) { /* outside the pool's ranges: looked for only here */
            special_pool_free(p, tag, caller);
            return;
        }
        if (pool_page_released_lately(page))
            KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_DOUBLE_FREE, 0, 0, (ULONG_PTR)p);
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_NOT_POOL, (ULONG_PTR)p, 0, 0);
    }
    enum pool_kind kind = pool_owner_kind(*owner);
    if (pool_owner_use(*owner) == PAGE_BIG_TAIL)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    pool_big_free(kind, p, page, tag, caller);
}

/* A free while the verifier tracks allocations, in a call that holds pool_lock(kind). */
__attribute__((noinline)) static void untrack(enum pool_kind kind, void *p)
{
    KIRQL old = pool_shared_begin(kind);
    verifier_untrack(p);
    pool_shared_end(kind, old);
}

/* A small block's free, with its kind known (a constant where it is inlined, so the tests fold) and
 * its page's code; tracked: whether the verifier may track allocations (untracked where the caller
 * found it does not). */
__attribute__((always_inline)) static inline void small_free(enum pool_kind kind, void *p, uint32_t tag,
                                                             unsigned code, const void *caller, bool tracked)
{
    KIRQL old = pool_lock_at(kind, pool_check_free_irql(kind, kind == POOL_KIND_PAGED ? PagedPool : NonPagedPool,
                                                        p, caller));
    if (tracked && __builtin_expect(verifier_tracked, 0))
        untrack(kind, p);
    if (kind != POOL_KIND_NONPAGED || code >= POOL_SMALL_CLASSES)
        pool_small_free(kind, p, tag, code);
    else if (pool_small_defers(p, code))
        pool_small_free_deferred(p, tag, code, caller);
    else
        pool_small_free_nonpaged(p, tag, code);
    pool_unlock(kind, old);
}

/* Every free but the common one: while a timer, DPC or lookaside list lives anywhere (the block is first
 * searched for them) or the verifier tracks allocations, and of anything but a nonpaged block of a class
 * that caches. */
__attribute__((noinline)) static void free_general(void *p, uint32_t tag, const void *caller)
{
    if (live_objects)
        freed_objects_check(p, caller);
    const uint8_t *owner = pool_pages_owner(p);
    uint8_t use = owner ? *owner : 0;
    unsigned nonpaged_code = pool_owner_code(use, POOL_KIND_NONPAGED);
    unsigned paged_code = pool_owner_code(use, POOL_KIND_PAGED);
    if (nonpaged_code < POOL_SMALL_CODES)
        small_free(POOL_KIND_NONPAGED, p, tag, nonpaged_code, caller, true);
    else if (paged_code < POOL_SMALL_CODES)
        small_free(POOL_KIND_PAGED, p, tag, paged_code, caller, true);
    else
        free_not_small(p, tag, owner, caller);
}

/* The page's owner byte says what it holds: small blocks of a size class go to pool_small.c without
 * a lookup, big allocations are found in the page table. The byte is read unlocked: a live block's
 * page cannot go away meanwhile, and for an address that is no block any answer ends in a bugcheck.
 * The common free, a nonpaged block of a class that caches with nothing watched, makes no call. */
__attribute__((always_inline)) static inline void pool_free(void *p, uint32_t tag, const void *caller)
{
    if (__builtin_expect(!(live_objects | verifier_tracked), 1)) {
        const uint8_t *owner = pool_pages_nonpaged_owner(p);
        unsigned code = owner ? pool_owner_code(*owner, POOL_KIND_NONPAGED) : POOL_SMALL_CODES;
        if (__builtin_expect(code < POOL_SMALL_CLASSES, 1)) {
            small_free(POOL_KIND_NONPAGED, p, tag, code, caller, false);
            return;
        }
    }
    free_general(p, tag, caller);
}

VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    pool_free(P, (uint32_t)Tag, __builtin_return_address(0));
}

VOID NTAPI ExFreePool(PVOID P)
{
    pool_free(P, 0, __builtin_return_address(0));
}

void pool_free_as(const void *caller, void *p, ULONG tag)
{
    pool_free(p, (uint32_t)tag, caller);
}

void pool_trim(void)
{
    if (!pool_ready)
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
