/* The WDK's pool calls: type and IRQL rules, the choice between small blocks and whole pages, big
 * allocations tracked by address, the must-succeed reserve (tried when the provider has no page
 * left), and the page table of small-block pages and big allocations that the walks and poolfind
 * use. A free goes by the page's owner byte instead. Driver Verifier (verifier.h) steps in only while
 * one of its switches is on. Needs no init call: the first call sets the pool up. */
#include "kernel/bugcheck.h"
#include "mm/pool_pages.h"
#include "mm/special_pages.h"
#include "pool/pool_internal.h"
#include "pool/special_pool.h"
#include "pool/verifier.h"

struct hashtab pool_page_table = HASHTAB_INIT(struct page_entry);
KSPIN_LOCK pool_spinlock;

static bool ready;
static struct {
    uintptr_t base;        /* POOL_RESERVE_PAGES contiguous pages, or 0 if none could be had */
    void *free[POOL_RESERVE_PAGES];
    unsigned nfree;
} reserve;
struct pool_stats pool_stats;

/* Pages given back lately: a second free of a block whose page already went back is still reported
 * as a double free (0xC2/0x07, header contents 0 since the header went with the page), not as an
 * address that was never pool. */
#define RELEASED_PAGES_REMEMBERED 64
static uintptr_t released_pages[RELEASED_PAGES_REMEMBERED];
static unsigned released_next;

static void pool_init(void)
{
    ready = true;
    pool_small_init();
    char *pages = pool_pages_alloc(POOL_RESERVE_PAGES, false);
    if (pages) {
        reserve.base = (uintptr_t)pages;
        for (unsigned i = 0; i < POOL_RESERVE_PAGES; i++)
            reserve.free[reserve.nfree++] = pages + i * POOL_PAGE;
    }
}

static bool in_reserve(const void *p)
{
    return reserve.base && (uintptr_t)p - reserve.base < POOL_RESERVE_PAGES * POOL_PAGE;
}

void *pool_page_get(size_t npages, enum pool_kind kind, bool must_succeed)
{
    void *p = pool_pages_alloc(npages, kind == POOL_KIND_PAGED);
    if (!p && must_succeed && npages == 1 && reserve.nfree)
        p = reserve.free[--reserve.nfree];
    return p;
}

void pool_page_put(void *pages, size_t npages)
{
    released_pages[released_next++ % RELEASED_PAGES_REMEMBERED] = (uintptr_t)pages;
    if (in_reserve(pages))
        reserve.free[reserve.nfree++] = pages;
    else
        pool_pages_free(pages, npages);
}

static KIRQL highest_irql(enum pool_kind kind)
{
    return kind == POOL_KIND_PAGED ? APC_LEVEL : DISPATCH_LEVEL;
}

/* Owner bytes of a big allocation: its first page, then its tail (a free there is no block start). */
static void mark_big_pages(char *p, size_t npages, enum pool_kind kind, bool in_use)
{
    for (size_t i = 0; i < npages; i++)
        *pool_pages_owner(p + i * POOL_PAGE) = in_use ? pool_owner_byte(i ? PAGE_BIG_TAIL : PAGE_BIG, kind) : 0;
}

/* Requests over POOL_SMALL_MAX: whole pages, page aligned (so cache aligned too). Out of line, so
 * that small requests do not pay for the registers it needs. */
__attribute__((noinline)) static void *big_alloc_shared(enum pool_kind kind, unsigned base_type, SIZE_T bytes,
                                                   uint32_t tag)
{
    if (bytes > 0x7FFFF000u)
        return 0;
    size_t npages = (bytes + POOL_PAGE - 1) / POOL_PAGE;
    void *p = pool_page_get(npages, kind, pool_type_must_succeed(base_type));
    if (!p)
        return 0;
    struct page_entry *e = hashtab_insert(&pool_page_table, (uintptr_t)p);
    if (!e) {
        pool_page_put(p, npages);
        return 0;
    }
    e->use = PAGE_BIG;
    e->kind = kind;
    mark_big_pages(p, npages, kind, true);
    e->pool_type = (uint16_t)base_type;
    e->tag = tag;
    e->npages = (uint32_t)npages;
    e->bytes = (uint32_t)bytes;
    pool_stats.big_pages[kind] += e->npages;
    pool_stats.big_allocations[kind]++;
    tagtab_count_alloc(tag, kind, e->npages * POOL_PAGE);
    return p;
}

/* Nothing in it touches the pages themselves, so all of it may run under the spinlock. */
static void *big_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    KIRQL old = pool_shared_begin(kind);
    void *p = big_alloc_shared(kind, base_type, bytes, tag);
    pool_shared_end(kind, old);
    return p;
}

static void big_free(struct page_entry *e, void *p, uint32_t tag)
{
    if (tag && tag != e->tag)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, e->tag, tag);
    tagtab_count_free(e->tag, e->kind, e->npages * POOL_PAGE);
    pool_stats.big_pages[e->kind] -= e->npages;
    pool_stats.big_allocations[e->kind]--;
    mark_big_pages(p, e->npages, e->kind, false);
    pool_page_put(p, e->npages);
    hashtab_remove(&pool_page_table, e);
}

static inline void *pool_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    return pool_small_fits(base_type, bytes) ? pool_small_alloc(kind, base_type, bytes, tag)
                                             : big_alloc(kind, base_type, bytes, tag);
}

/* With a verifier switch on (off the fast path): low resources, special pool, tracking. */
static __attribute__((noinline)) void *verified_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes,
                                                      uint32_t tag)
{
    KIRQL old = pool_shared_begin(kind);
    bool fail = verifier_fails_allocation(base_type), special = !fail && verifier_wants_special_pool(tag);
    pool_shared_end(kind, old);
    if (fail)
        return 0;
    void *p = special ? special_pool_alloc(kind, base_type, bytes, tag) : 0;
    if (!p)
        p = pool_alloc(kind, base_type, bytes, tag);
    if (p) {
        old = pool_shared_begin(kind);
        verifier_track_allocation(p, (uint32_t)bytes, tag, kind);
        pool_shared_end(kind, old);
    }
    return p;
}

PVOID ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    if (!pool_type_valid(PoolType))
        return 0;
    enum pool_kind kind = pool_kind_of(PoolType);
    KIRQL irql = KeGetCurrentIrql();
    if (irql > highest_irql(kind))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_ALLOCATE_IRQL, irql, PoolType, NumberOfBytes);
    if (!ready)
        pool_init();
    unsigned base_type = (unsigned)PoolType & 7u;
    uint32_t tag = (uint32_t)Tag;
    KIRQL old = pool_lock(kind);
    void *p = __builtin_expect(verifier_active, 0) ? verified_alloc(kind, base_type, NumberOfBytes, tag)
                                                   : pool_alloc(kind, base_type, NumberOfBytes, tag);
    pool_unlock(kind, old);
    if (!p && pool_type_must_succeed(base_type))
        KeBugCheckEx(BUGCHECK_MUST_SUCCEED_POOL_EMPTY, NumberOfBytes,
                     pool_stats.small_pages[POOL_KIND_NONPAGED] + pool_stats.big_pages[POOL_KIND_NONPAGED],
                     pool_stats.big_allocations[POOL_KIND_NONPAGED], reserve.nfree);
    return p;
}

#undef ExAllocatePool
PVOID ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
    return ExAllocatePoolWithTag(PoolType, NumberOfBytes, POOL_TAG_NONE);
}

__attribute__((noreturn)) static void not_a_block(void *p, uintptr_t page)
{
    for (unsigned i = 0; i < RELEASED_PAGES_REMEMBERED; i++)
        if (released_pages[i] == page)
            KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_DOUBLE_FREE, 0, 0, (ULONG_PTR)p);
    KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_NOT_POOL, (ULONG_PTR)p, 0, 0);
}

void pool_check_free_irql(enum pool_kind kind, ULONG_PTR type, void *p)
{
    KIRQL irql = KeGetCurrentIrql();
    if (irql > highest_irql(kind))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_FREE_IRQL, irql, type, (ULONG_PTR)p);
}

/* Out of line, so that a small free does not pay for the registers this one needs. */
__attribute__((noinline)) static void free_big_block(enum pool_kind kind, void *p, uintptr_t page, uint32_t tag)
{
    if (KeGetCurrentIrql() > highest_irql(kind)) { /* no DPC runs up there: the table reads safely unlocked */
        const struct page_entry *e = hashtab_find(&pool_page_table, page);
        pool_check_free_irql(kind, e->pool_type, p);
    }
    if ((uintptr_t)p != page)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    KIRQL old = pool_lock(kind), shared = pool_shared_begin(kind);
    if (verifier_tracked)
        verifier_untrack(p);
    big_free(hashtab_find(&pool_page_table, page), p, tag);
    pool_shared_end(kind, shared);
    pool_unlock(kind, old);
}

/* Every free but that of a small block: special pool, an address that is no block, big allocations.
 * Out of line, so that a small free makes no call and saves no registers. */
__attribute__((noinline)) static void free_not_small(void *p, uint32_t tag, const uint8_t *owner)
{
    uintptr_t page = (uintptr_t)p & ~(uintptr_t)(POOL_PAGE - 1);
    if (!owner || !*owner) {
        if (special_pages_contains(p)) { /* outside the pool's ranges: looked for only here */
            special_pool_free(p, tag);
            return;
        }
        not_a_block(p, page);
    }
    enum pool_kind kind = (enum pool_kind)(*owner >> 4);
    if ((*owner & 0xF) == PAGE_BIG_TAIL)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    free_big_block(kind, p, page, tag);
}

/* A free while the verifier tracks allocations, in a call that holds pool_lock(kind). */
__attribute__((noinline)) static void untrack(enum pool_kind kind, void *p)
{
    KIRQL old = pool_shared_begin(kind);
    verifier_untrack(p);
    pool_shared_end(kind, old);
}

/* A small block's free, with its kind known (a constant where it is inlined, so the tests fold). */
__attribute__((always_inline)) static inline void small_free(enum pool_kind kind, void *p, uint32_t tag)
{
    pool_check_free_irql(kind, kind == POOL_KIND_PAGED ? PagedPool : NonPagedPool, p);
    if ((uintptr_t)p % POOL_PAGE == 0)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    KIRQL old = pool_lock(kind);
    if (__builtin_expect(verifier_tracked, 0))
        untrack(kind, p);
    if (kind == POOL_KIND_NONPAGED)
        pool_small_free_nonpaged(p, tag);
    else
        pool_small_free(kind, p, tag);
    pool_unlock(kind, old);
}

/* The page's owner byte says what it holds: small blocks go to the small engine without a lookup,
 * big allocations are found in the page table. The byte is read unlocked: a live block's page cannot
 * go away meanwhile, and for an address that is no block any answer ends in a bugcheck. */
static inline void pool_free(void *p, uint32_t tag)
{
    if (__builtin_expect(!ready, 0))
        pool_init();
    const uint8_t *owner = pool_pages_owner(p);
    uint8_t use = owner ? *owner : 0;
    if (use == pool_owner_byte(PAGE_SMALL, POOL_KIND_NONPAGED))
        small_free(POOL_KIND_NONPAGED, p, tag);
    else if (use == pool_owner_byte(PAGE_SMALL, POOL_KIND_PAGED))
        small_free(POOL_KIND_PAGED, p, tag);
    else
        free_not_small(p, tag, owner);
}

VOID ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    pool_free(P, (uint32_t)Tag);
}

VOID ExFreePool(PVOID P)
{
    pool_free(P, 0);
}

void pool_trim(void)
{
    if (ready)
        pool_small_trim();
}

void pool_get_stats(struct pool_stats *out)
{
    KIRQL old = pool_tables_lock();
    *out = pool_stats;
    out->reserve_free = reserve.nfree;
    pool_tables_unlock(old);
}

/* --- walking the pool, for !pool, !poolfind and the tests --- */

static void walk_small_page(const struct page_entry *e, pool_block_visitor visit, void *ctx)
{
    const struct pool_header *h = (const struct pool_header *)e->key.key, *end = h + POOL_PAGE_UNITS;
    unsigned prev = 0;
    while (h < end && h->block_size) { /* a zero size is corruption: stop rather than loop */
        struct pool_block_info b = {
            .header = (uintptr_t)h, .bytes = h->block_size * POOL_UNIT, .previous_bytes = prev * POOL_UNIT,
            .tag = h->pool_tag, .allocated = h->pool_type != 0, .kind = e->kind,
        };
        visit(ctx, &b);
        prev = h->block_size;
        h += h->block_size;
    }
}

static void visit_big(const struct page_entry *e, pool_block_visitor visit, void *ctx)
{
    struct pool_block_info b = {
        .header = e->key.key, .bytes = e->npages * POOL_PAGE, .tag = e->tag, .allocated = true, .big = true,
        .kind = e->kind,
    };
    visit(ctx, &b);
}

static void visit_entry(const struct page_entry *e, pool_block_visitor visit, void *ctx)
{
    if (e->use == PAGE_SMALL)
        walk_small_page(e, visit, ctx);
    else
        visit_big(e, visit, ctx);
}

static bool holds_address(const struct page_entry *e, uintptr_t a)
{
    uintptr_t pages = e->use == PAGE_SMALL ? 1 : e->npages;
    return a - e->key.key < pages * POOL_PAGE;
}

static bool of_use(const struct page_entry *e, uintptr_t use)
{
    return e->use == use;
}

/* One step of a walk: the next entry from *cursor that wanted() accepts, visited. A nonpaged page is
 * visited under the spinlock (a DPC could free it), a paged one after it (the walker's IRQL keeps
 * paged pool calls out, and its pages may fault in). Between steps a DPC may add or remove a nonpaged
 * page, so a walk may miss or repeat one, as !pool may on a live system. False at the end. */
static bool walk_step(size_t *cursor, bool (*wanted)(const struct page_entry *, uintptr_t), uintptr_t arg,
                      pool_block_visitor visit, void *ctx)
{
    KIRQL old = pool_tables_lock();
    const struct page_entry *e;
    while ((e = hashtab_next(&pool_page_table, cursor)) && !wanted(e, arg))
        ;
    struct page_entry copy = e ? *e : (struct page_entry){ .use = 0 };
    if (e && e->kind == POOL_KIND_NONPAGED)
        visit_entry(e, visit, ctx);
    pool_tables_unlock(old);
    if (e && copy.kind == POOL_KIND_PAGED)
        visit_entry(&copy, visit, ctx);
    return e != 0;
}

/* Walks run at APC_LEVEL at least, like a paged pool call. */
static KIRQL walk_begin(void)
{
    KIRQL irql = KeGetCurrentIrql();
    return irql < APC_LEVEL ? irql_raise_for_lock(APC_LEVEL) : irql;
}

/* The special pool block on page, if the page holds one: a resident page is read under the spinlock (a
 * DPC could free its block), a pageable one after it. */
static bool visit_special(const void *page, pool_block_visitor visit, void *ctx)
{
    struct pool_block_info b;
    KIRQL old = pool_tables_lock();
    enum special_page_state state = special_pages_state(page);
    if (state == SPECIAL_PAGE_RESIDENT)
        special_pool_describe(page, &b);
    pool_tables_unlock(old);
    if (state == SPECIAL_PAGE_PAGEABLE)
        special_pool_describe(page, &b);
    bool in_use = state == SPECIAL_PAGE_RESIDENT || state == SPECIAL_PAGE_PAGEABLE;
    if (in_use)
        visit(ctx, &b);
    return in_use;
}

bool pool_walk_page(const void *addr, pool_block_visitor visit, void *ctx)
{
    KIRQL old = walk_begin();
    size_t cursor = 0;
    bool found = walk_step(&cursor, holds_address, (uintptr_t)addr, visit, ctx);
    if (!found && special_pages_contains(addr))
        found = visit_special((const void *)((uintptr_t)addr & ~(uintptr_t)(POOL_PAGE - 1)), visit, ctx);
    KeLowerIrql(old);
    return found;
}

void pool_walk_all(pool_block_visitor visit, void *ctx)
{
    KIRQL old = walk_begin();
    for (size_t cursor = 0; walk_step(&cursor, of_use, PAGE_SMALL, visit, ctx);)
        ;
    for (size_t cursor = 0; walk_step(&cursor, of_use, PAGE_BIG, visit, ctx);)
        ;
    for (const void *page = special_pages_next(0); page; page = special_pages_next(page))
        visit_special(page, visit, ctx);
    KeLowerIrql(old);
}
