#include "pool/pool_small.h"

#include "pool/lookaside.h"
#include "pool/pool_locks.h"
#include "pool/pool_tags.h"
#include "pool/verifier.h"

#define POOL_LOOKASIDE_BYTES (32u * 1024) /* the most one of the pool's own lookasides holds */

static GENERAL_LOOKASIDE caches[POOL_KINDS][POOL_LOOKASIDE_UNITS + 1]; /* [kind][n]: blocks of n units */

void pool_small_init(void)
{
    pool_lists_init();
    for (unsigned k = 0; k < POOL_KINDS; k++) {
        for (unsigned n = POOL_MIN_BLOCK_UNITS; n <= POOL_LOOKASIDE_UNITS; n++) {
            GENERAL_LOOKASIDE *l = &caches[k][n];
            lookaside_init(l, k == POOL_KIND_PAGED ? PagedPool : NonPagedPool, n * POOL_UNIT, POOL_LOOKASIDE_TAG, 0, 0);
            if (POOL_LOOKASIDE_BYTES / (n * POOL_UNIT) < LOOKASIDE_MAX_DEPTH) /* bound what a list may hold */
                l->MaximumDepth = (USHORT)(POOL_LOOKASIDE_BYTES / (n * POOL_UNIT));
            lookaside_register(l);
        }
    }
}

/* A block on one of the pool's own lookasides holds its link and, after it, the link's check word:
 * a driver writing to the block after its free changes one without the other, and the pool reports
 * it (0x19/0xD) before following the link. The check binds the link to the block's own address, so
 * a pair copied from another block does not pass either. The smallest block has room for both. */
struct pool_cached {
    struct pool_cached *next; /* SINGLE_LIST_ENTRY's Next, as lookaside_push writes it */
    uintptr_t check;
};
_Static_assert(sizeof(struct pool_cached) == sizeof(struct pool_link), "a cached block holds its link and check");
#define POOL_CACHED_COOKIE ((uintptr_t)0x5A17C0DEu)

static inline uintptr_t cached_check(const struct pool_cached *c)
{
    return (uintptr_t)c->next ^ (uintptr_t)c ^ POOL_CACHED_COOKIE;
}

/* Marks the block whose first ULONG is w free on a lookaside: free for double-free checks, not
 * mergeable. */
static inline void set_cached(struct pool_header *h, uint32_t w, enum pool_kind kind)
{
    uint32_t n = pool_header_word_size(w);
    pool_header_set_word(h, (w & POOL_HEADER_PREVIOUS_MASK) | pool_header_fields(kind | POOL_INDEX_CACHED, n, 0));
}

/* Seals the link lookaside_push just wrote into entry. */
static inline void cached_seal(void *entry)
{
    struct pool_cached *c = entry;
    c->check = cached_check(c);
}

/* An entry of the pool's lookaside for n units, about to be handed out or have its link followed.
 * The entry itself is trusted (the pool put it there or checked the link that led to it); what a
 * driver may have changed is checked. Returns the entry's header word. */
__attribute__((always_inline)) static inline uint32_t check_cached(enum pool_kind kind, const void *entry, unsigned n)
{
    const struct pool_cached *c = entry;
    if (c->check != cached_check(c))
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, entry, 0, 0);
    const struct pool_header *h = pool_header_of(entry);
    uint32_t w = pool_header_word(h);
    if ((w & ~POOL_HEADER_PREVIOUS_MASK) != pool_header_fields(kind | POOL_INDEX_CACHED, n, 0))
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, h, w, 0);
    return w;
}

/* Every allocation of up to POOL_LOOKASIDE_UNITS that the hit below does not take: the lookaside
 * with its depth adapting and the tag looked up, else the free lists. */
__attribute__((noinline)) static void *alloc_slow(enum pool_kind kind, unsigned n, unsigned base_type, uint32_t tag)
{
    GENERAL_LOOKASIDE *l = &caches[kind][n];
    PSINGLE_LIST_ENTRY e = lookaside_first(l);
    uint32_t w = e ? check_cached(kind, e, n) : 0;
    if (!lookaside_pop(l))
        return pool_lists_alloc(kind, n, base_type, tag);
    pool_header_set_allocated(pool_header_of(e), w, kind, n, base_type, tag);
    pool_count_alloc(tag, kind, n * POOL_UNIT);
    return e;
}

/* The common allocation: nonpaged, a lookaside hit, no depth adjustment due, the tag counted last.
 * It makes no call but the checks' bugchecks, so it saves no registers, and with the kind a constant
 * its tests fold; anything else (paged pool counts its tags under the spinlock) is one tail call away. */
POOL_HOT_CALL void *pool_small_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    unsigned n = pool_units_for(bytes);
    if (pool_type_cache_aligned(base_type) || n > POOL_LOOKASIDE_UNITS)
        return pool_lists_alloc(kind, n, base_type, tag);
    if (kind != POOL_KIND_NONPAGED)
        return alloc_slow(kind, n, base_type, tag);
    const enum pool_kind k = POOL_KIND_NONPAGED;
    GENERAL_LOOKASIDE *l = &caches[k][n];
    PSINGLE_LIST_ENTRY e = lookaside_first(l);
    if (!e || lookaside_adapt_due(l))
        return alloc_slow(k, n, base_type, tag);
    struct tag_entry *t = tagtab_recent(tag);
    if (!t)
        return alloc_slow(k, n, base_type, tag);
    uint32_t w = check_cached(k, e, n); /* before the pop follows the link */
    lookaside_pop(l);
    pool_header_set_allocated(pool_header_of(e), w, k, n, base_type, tag);
    tag_counters_alloc(&t->pool[k], n * POOL_UNIT);
    return e;
}

uint32_t pool_small_set_owner(void *p, unsigned owner)
{
    struct pool_header *h = pool_header_of(p);
    h->pool_index |= owner << POOL_INDEX_OWNER_SHIFT;
    return h->block_size * POOL_UNIT;
}

/* Every free that the fast path below does not take (a driver's block among them: its owner bits fail
 * the fast path's test): all checks in order, then the lookaside or the free lists. */
__attribute__((noinline)) void pool_small_free(enum pool_kind kind, void *p, uint32_t tag)
{
    struct pool_header *h = pool_header_of(p);
    if ((uintptr_t)p % POOL_UNIT || pool_page_of(h) != pool_page_of(p))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    uint32_t w = pool_header_word(h);
    if (w >> 25 == 0)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_DOUBLE_FREE, 0, w, (ULONG_PTR)p);
    unsigned owner = pool_header_word_owner(w);
    if (owner && !verifier_driver_numbered(owner)) /* no driver has that number: the header is corrupt */
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_HEADER, (ULONG_PTR)h, w, 0);
    if (!pool_block_looks_right(kind, h, w & ~POOL_HEADER_OWNER_BITS))
        pool_lists_check_block(kind, h);
    if (tag && tag != h->pool_tag)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, h->pool_tag, tag);
    unsigned n = pool_header_word_size(w);
    uint32_t block_tag = h->pool_tag; /* the release may give the page back */
    if (owner) {
        KIRQL shared = pool_shared_begin(kind);
        verifier_discharge(owner, block_tag, kind, n * POOL_UNIT);
        pool_shared_end(kind, shared);
    }
    bool cached = false;
    if (n <= POOL_LOOKASIDE_UNITS) {
        set_cached(h, w, kind); /* a free miss's block too: a second free finds type 0 where it merged */
        cached = lookaside_push(&caches[kind][n], p);
    }
    if (cached)
        cached_seal(p);
    else
        pool_lists_release(kind, h, n);
    pool_count_free(block_tag, kind, n * POOL_UNIT);
}

/* The common free (a sound block whose lookaside has room, its tag counted last) makes no call, so
 * it saves no registers, and reads each field once; anything else goes to pool_small_free, which
 * tests it all again and reports what fails. Reads nothing before the address checks allow it. */
POOL_HOT_CALL void pool_small_free_nonpaged(void *p, uint32_t tag)
{
    const enum pool_kind k = POOL_KIND_NONPAGED;
    struct pool_header *h = pool_header_of(p);
    if ((uintptr_t)p % POOL_UNIT || pool_page_of(h) != pool_page_of(p))
        goto checked;
    uint32_t w = pool_header_word(h);
    unsigned n = pool_header_word_size(w);
    if (n > POOL_LOOKASIDE_UNITS) /* first: larger blocks would pay for these tests twice */
        goto checked;
    /* A freed block's type 0 fails pool_block_looks_right (pool_small_free reports the double free). */
    if (!pool_block_looks_right(k, h, w))
        goto checked;
    GENERAL_LOOKASIDE *l = &caches[k][n];
    if (lookaside_full(l))
        goto checked;
    uint32_t block_tag = h->pool_tag;
    if (tag && tag != block_tag)
        goto checked;
    struct tag_entry *t = tagtab_recent(block_tag);
    if (!t)
        goto checked;
    lookaside_push(l, p); /* hits: its room was made sure of above */
    cached_seal(p);
    set_cached(h, w, k);
    tag_counters_free(&t->pool[k], n * POOL_UNIT);
    return;
checked:
    pool_small_free(k, p, tag);
}

void pool_small_trim(enum pool_kind kind)
{
    KIRQL old = pool_lock(kind);
    for (unsigned n = POOL_MIN_BLOCK_UNITS; n <= POOL_LOOKASIDE_UNITS; n++) {
        PSINGLE_LIST_ENTRY e = lookaside_drain(&caches[kind][n]);
        while (e) {
            check_cached(kind, e, n);
            PSINGLE_LIST_ENTRY next = e->Next;
            pool_lists_release(kind, pool_header_of(e), n);
            e = next;
        }
    }
    pool_unlock(kind, old);
}
