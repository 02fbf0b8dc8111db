/* Small blocks: pages carved into blocks with 8-byte headers, a free list per block size with a
 * two-level bitmap of the non-empty ones (the best fit is two bit scans away), merging with both
 * neighbours on free, and pages going back once all their blocks are free. Blocks up to 512 bytes
 * pass through a lookaside per size first. */
#include "kernel/bugcheck.h"
#include "mm/pool_pages.h"
#include "pool/lookaside.h"
#include "pool/pool_internal.h"

#define BITMAP_WORDS (POOL_PAGE_UNITS / 32)
#define POOL_LOOKASIDE_BYTES (32u * 1024) /* the most one of the pool's own lookasides holds */

struct pool_descriptor {
    enum pool_kind kind;
    struct pool_link heads[POOL_PAGE_UNITS]; /* [n]: free blocks of n units */
    uint32_t nonempty[BITMAP_WORDS];         /* bit n: heads[n] is not empty */
    uint32_t nonempty_words;                 /* bit w: nonempty[w] != 0 */
    GENERAL_LOOKASIDE cache[POOL_LOOKASIDE_UNITS + 1]; /* [n]: blocks of n units */
};

static struct pool_descriptor descriptors[POOL_KINDS];

__attribute__((noreturn)) static void bad_header(uint32_t violation, const void *p2, uintptr_t p3, const void *p4)
{
    KeBugCheckEx(BUGCHECK_BAD_POOL_HEADER, violation, (ULONG_PTR)p2, p3, (ULONG_PTR)p4);
}

static uintptr_t page_of(const void *p)
{
    return (uintptr_t)p & ~(uintptr_t)(POOL_PAGE - 1);
}

static unsigned units_into_page(const struct pool_header *h)
{
    return (unsigned)(((uintptr_t)h & (POOL_PAGE - 1)) / POOL_UNIT);
}

/* Whether a previous size of prev units fits a block at units into its page: 0 exactly for the
 * page's first block, else no further back than the page start. */
static inline bool previous_fits(unsigned prev, unsigned at)
{
    return prev - 1u < at || (prev | at) == 0;
}

void pool_small_init(void)
{
    for (unsigned k = 0; k < POOL_KINDS; k++) {
        struct pool_descriptor *d = &descriptors[k];
        d->kind = k;
        for (unsigned n = 0; n < POOL_PAGE_UNITS; n++)
            d->heads[n].flink = d->heads[n].blink = &d->heads[n];
        for (unsigned n = POOL_MIN_BLOCK_UNITS; n <= POOL_LOOKASIDE_UNITS; n++) {
            lookaside_init(&d->cache[n], k == POOL_KIND_PAGED ? PagedPool : NonPagedPool, n * POOL_UNIT,
                           POOL_LOOKASIDE_TAG, 0, 0);
            if (POOL_LOOKASIDE_BYTES / (n * POOL_UNIT) < LOOKASIDE_MAX_DEPTH) /* bound what a list may hold */
                d->cache[n].MaximumDepth = (USHORT)(POOL_LOOKASIDE_BYTES / (n * POOL_UNIT));
            lookaside_register(&d->cache[n]);
        }
    }
}

/* --- free lists and their bitmap --- */

__attribute__((always_inline)) static inline void mark(struct pool_descriptor *d, unsigned n, bool nonempty)
{
    uint32_t bit = 1u << (n % 32);
    if (nonempty) {
        d->nonempty[n / 32] |= bit;
        d->nonempty_words |= 1u << (n / 32);
    } else if (!(d->nonempty[n / 32] &= ~bit)) {
        d->nonempty_words &= ~(1u << (n / 32));
    }
}

/* The smallest non-empty list of at least n units, or 0 if there is none. */
static unsigned first_fit(const struct pool_descriptor *d, unsigned n)
{
    unsigned w = n / 32;
    uint32_t bits = d->nonempty[w] & (~0u << (n % 32));
    if (bits)
        return w * 32 + (unsigned)__builtin_ctz(bits);
    uint32_t words = d->nonempty_words & (~0u << (w + 1));
    if (!words)
        return 0;
    w = (unsigned)__builtin_ctz(words);
    return w * 32 + (unsigned)__builtin_ctz(d->nonempty[w]);
}

static struct pool_link *links_of(struct pool_header *h)
{
    return (struct pool_link *)(h + 1);
}

static void list_insert(struct pool_descriptor *d, struct pool_header *h, unsigned n)
{
    struct pool_link *head = &d->heads[n], *link = links_of(h);
    link->flink = head->flink;
    link->blink = head;
    head->flink->blink = link;
    head->flink = link;
    mark(d, n, true);
}

/* Whether p lies in a page of small blocks of this pool. */
static bool in_small_page(const struct pool_descriptor *d, const void *p)
{
    const uint8_t *owner = pool_pages_owner(p);
    return owner && *owner == pool_owner_byte(PAGE_SMALL, d->kind);
}

/* A link a driver may have overwritten: follow it only into a list head or this pool's pages. */
__attribute__((always_inline)) static inline bool link_plausible(const struct pool_descriptor *d, const struct pool_link *l)
{
    if ((uintptr_t)l % sizeof(void *))
        return false;
    return (l >= d->heads && l < d->heads + POOL_PAGE_UNITS) || in_small_page(d, l);
}

__attribute__((always_inline)) static inline void list_remove(struct pool_descriptor *d, struct pool_header *h, unsigned n)
{
    struct pool_link *link = links_of(h), *f = link->flink, *b = link->blink;
    if (!link_plausible(d, f) || !link_plausible(d, b))
        bad_header(POOL_HEADER_FREE_LINKS, link, (uintptr_t)f, b);
    if (f->blink != link || b->flink != link)
        bad_header(POOL_HEADER_FREE_LINKS, link, (uintptr_t)f->blink, b->flink);
    b->flink = f;
    f->blink = b;
    if (d->heads[n].flink == &d->heads[n])
        mark(d, n, false);
}

/* --- blocks --- */

static bool mergeable(const struct pool_header *h)
{
    return h->pool_type == 0 && !(h->pool_index & POOL_INDEX_CACHED);
}

/* A free neighbour about to be merged: its header must still say what the pool wrote, and the block
 * after it must agree on its size (else the merge would swallow a block in use). */
static void take_free_neighbour(struct pool_descriptor *d, struct pool_header *h)
{
    unsigned n = h->block_size, end = units_into_page(h) + n;
    if (h->pool_index != d->kind || n == 0 || end > POOL_PAGE_UNITS)
        bad_header(POOL_HEADER_FREED_MODIFIED, h, pool_header_word(h), 0);
    if (end < POOL_PAGE_UNITS && (h + n)->previous_size != n)
        bad_header(POOL_HEADER_NEIGHBOURS, h, 0, h + n);
    if (n >= POOL_MIN_BLOCK_UNITS)
        list_remove(d, h, n);
}

static void set_free(struct pool_descriptor *d, struct pool_header *h, unsigned n)
{
    h->block_size = n;
    h->pool_type = 0;
    h->pool_index = d->kind;
}

/* Makes the n units at h a free block: merges it with free neighbours, gives the page back if that
 * frees all of it, else lists it (blocks too small to hold links stay unlisted until a neighbour's
 * merge takes them in). h's previous size is checked against the block before it here, as NT checks
 * it when it coalesces: a block freed to a lookaside meanwhile may have had it overwritten. */
__attribute__((noinline)) static void release(struct pool_descriptor *d, struct pool_header *h, unsigned n)
{
    uintptr_t page = page_of(h);
    struct pool_header *next = h + n, *end = (struct pool_header *)(page + POOL_PAGE);
    unsigned previous = h->previous_size;
    if (!previous_fits(previous, units_into_page(h)))
        bad_header(POOL_HEADER_PREVIOUS_TOO_LARGE, h, 0, h);
    if (previous) {
        struct pool_header *prev = h - previous;
        if (prev->block_size != previous)
            bad_header(POOL_HEADER_NEIGHBOURS, prev, 0, h);
        if (mergeable(prev)) {
            take_free_neighbour(d, prev);
            n += prev->block_size;
            h = prev;
        }
    }
    if (next < end && mergeable(next)) {
        take_free_neighbour(d, next);
        n += next->block_size;
    }
    if (n == POOL_PAGE_UNITS) {
        KIRQL old = pool_shared_begin(d->kind);
        *pool_pages_owner(h) = 0;
        hashtab_remove(&pool_page_table, hashtab_find(&pool_page_table, page));
        pool_page_put((void *)page, 1);
        pool_stats.small_pages[d->kind]--;
        pool_shared_end(d->kind, old);
        return;
    }
    set_free(d, h, n);
    if (h + n < end)
        (h + n)->previous_size = n;
    if (n >= POOL_MIN_BLOCK_UNITS)
        list_insert(d, h, n);
}

static void set_allocated(struct pool_header *h, unsigned n, enum pool_kind kind, unsigned base_type, uint32_t tag)
{
    uint32_t previous = pool_header_word(h) & POOL_HEADER_PREVIOUS_MASK;
    pool_header_set_word(h, previous | pool_header_fields(kind, n, base_type + 1));
    h->pool_tag = tag;
}

static struct pool_header *new_page(struct pool_descriptor *d, unsigned base_type)
{
    KIRQL old = pool_shared_begin(d->kind);
    struct pool_header *h = pool_page_get(1, d->kind, pool_type_must_succeed(base_type));
    struct page_entry *e = h ? hashtab_insert(&pool_page_table, (uintptr_t)h) : 0;
    if (h && !e) {
        pool_page_put(h, 1);
        h = 0;
    }
    if (h) {
        e->use = PAGE_SMALL;
        e->kind = d->kind;
        *pool_pages_owner(h) = pool_owner_byte(PAGE_SMALL, d->kind);
        pool_stats.small_pages[d->kind]++;
    }
    pool_shared_end(d->kind, old);
    if (h)
        h->previous_size = 0; /* the page itself may be pageable: touched outside the spinlock */
    return h;
}

/* A free-list block about to be handed out must look as the pool left it. */
static struct pool_header *take_listed(struct pool_descriptor *d, unsigned n)
{
    struct pool_header *h = (struct pool_header *)d->heads[n].flink - 1;
    if (h->block_size != n || !mergeable(h) || h->pool_index != d->kind)
        bad_header(POOL_HEADER_FREED_MODIFIED, h, pool_header_word(h), 0);
    list_remove(d, h, n);
    return h;
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
        bad_header(POOL_HEADER_FREED_MODIFIED, entry, 0, 0);
    const struct pool_header *h = pool_header_of(entry);
    uint32_t w = pool_header_word(h);
    if ((w & ~POOL_HEADER_PREVIOUS_MASK) != pool_header_fields(kind | POOL_INDEX_CACHED, n, 0))
        bad_header(POOL_HEADER_FREED_MODIFIED, h, w, 0);
    return w;
}

static void *from_lookaside(struct pool_descriptor *d, unsigned n)
{
    GENERAL_LOOKASIDE *l = &d->cache[n];
    if (l->ListHead.Next.Next)
        check_cached(d->kind, l->ListHead.Next.Next, n);
    return lookaside_pop(l);
}

/* A block of n units from the free lists or a new page (out of line: the lookaside hit stays lean). */
__attribute__((noinline)) static void *alloc_from_lists(struct pool_descriptor *d, unsigned n, bool aligned,
                                                        unsigned base_type, uint32_t tag)
{
    enum pool_kind kind = d->kind;
    unsigned want = aligned ? n + CACHE_SLACK_UNITS : n;
    unsigned avail = first_fit(d, want);
    struct pool_header *h;
    if (avail) {
        h = take_listed(d, avail);
    } else {
        if (!(h = new_page(d, base_type)))
            return 0;
        avail = POOL_PAGE_UNITS;
    }
    if (aligned) {
        /* Skip whole units until the pointer after the header sits on a cache line. */
        uintptr_t misalign = (POOL_CACHE_LINE - POOL_UNIT) - (uintptr_t)h % POOL_CACHE_LINE;
        unsigned lead = (unsigned)(misalign % POOL_CACHE_LINE) / POOL_UNIT;
        if (lead) {
            struct pool_header *a = h + lead;
            set_allocated(a, n, kind, base_type, tag); /* so the lead's release sees no free neighbour */
            a->previous_size = lead;
            release(d, h, lead);
            h = a;
            avail -= lead;
        }
    }
    /* A page's worth cannot be written in 9 bits: a fresh page is always split. */
    bool split = avail - n >= POOL_MIN_BLOCK_UNITS || avail == POOL_PAGE_UNITS;
    if (!split)
        n = avail;
    set_allocated(h, n, kind, base_type, tag);
    struct pool_header *rest = h + n;
    if (split) {
        rest->previous_size = n;
        release(d, rest, avail - n);
    } else if (units_into_page(rest) != 0) { /* a lead cut off above changed where this block starts */
        rest->previous_size = n;
    }
    pool_count_alloc(tag, kind, n * POOL_UNIT);
    return h + 1;
}

/* Every allocation the hit below does not take: the lookaside with its depth adapting and the tag
 * looked up, else the free lists. */
__attribute__((noinline)) static void *alloc_slow(struct pool_descriptor *d, unsigned n, bool aligned,
                                                  unsigned base_type, uint32_t tag)
{
    if (!aligned && n <= POOL_LOOKASIDE_UNITS) {
        void *p = from_lookaside(d, n);
        if (p) {
            set_allocated(pool_header_of(p), n, d->kind, base_type, tag);
            pool_count_alloc(tag, d->kind, n * POOL_UNIT);
            return p;
        }
    }
    return alloc_from_lists(d, n, aligned, base_type, tag);
}

/* The common allocation: nonpaged, a lookaside hit, no depth adjustment due, the tag counted last.
 * It makes no call but the checks' bugchecks, so it saves no registers, and with the kind a constant
 * its tests fold; anything else (paged pool counts its tags under the spinlock) is one tail call away. */
POOL_HOT_CALL void *pool_small_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    unsigned n = pool_units_for(bytes);
    bool aligned = pool_type_cache_aligned(base_type);
    if (aligned || n > POOL_LOOKASIDE_UNITS)
        return alloc_from_lists(&descriptors[kind], n, aligned, base_type, tag);
    if (kind != POOL_KIND_NONPAGED)
        return alloc_slow(&descriptors[kind], n, false, base_type, tag);
    const enum pool_kind k = POOL_KIND_NONPAGED;
    GENERAL_LOOKASIDE *l = &descriptors[k].cache[n];
    PSINGLE_LIST_ENTRY e = l->ListHead.Next.Next;
    struct tag_entry *t = tagtab_last;
    ULONG total = l->TotalAllocates + 1;
    if (!e || !t || t->key.key != tag || total - l->LastTotalAllocates >= LOOKASIDE_ADAPT_PERIOD)
        return alloc_slow(&descriptors[k], n, false, base_type, tag);
    uint32_t w = check_cached(k, e, n); /* as from_lookaside would before following the link */
    l->TotalAllocates = total;
    l->ListHead.Next.Next = e->Next;
    l->ListHead.Depth--;
    struct pool_header *h = pool_header_of(e);
    pool_header_set_word(h, (w & POOL_HEADER_PREVIOUS_MASK) | pool_header_fields(k, n, base_type + 1));
    h->pool_tag = tag;
    struct tag_counters *c = &t->pool[k];
    c->allocs++;
    c->bytes += n * POOL_UNIT;
    return e;
}

/* The O(1) checks of a block on free: its own fields and both neighbours' view of it. Reports the
 * first that fails, once block_looks_right (which tests all but the previous block's) said no. */
__attribute__((noinline, cold)) static void check_block(const struct pool_descriptor *d, struct pool_header *h)
{
    unsigned at = units_into_page(h), n = h->block_size, prev = h->previous_size;
    unsigned type = h->pool_type - 1u;
    if ((h->pool_index & ~POOL_INDEX_CACHED) != d->kind || type >= MaxPoolType || type == DontUseThisType ||
        pool_kind_of((POOL_TYPE)type) != d->kind)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_HEADER, (ULONG_PTR)h, pool_header_word(h), 0);
    if (n == 0)
        bad_header(POOL_HEADER_SIZE_ZERO, 0, 0, h);
    if (at + n > POOL_PAGE_UNITS)
        bad_header(POOL_HEADER_SIZE_TOO_LARGE, h, 0, h);
    if (!previous_fits(prev, at))
        bad_header(POOL_HEADER_PREVIOUS_TOO_LARGE, h, 0, h);
    if (prev && (h - prev)->block_size != prev)
        bad_header(POOL_HEADER_NEIGHBOURS, h - prev, 0, h);
    if (at + n < POOL_PAGE_UNITS && (h + n)->previous_size != n)
        bad_header(POOL_HEADER_NEIGHBOURS, h, 0, h + n);
}

/* The fields of an allocated block's first ULONG, per kind: its descriptor (not cached) and a
 * POOL_TYPE + 1 of its pool. The nonpaged types + 1 are the odd numbers under 8, the paged ones 2 and
 * 6, so one mask and one compare test both fields. */
_Static_assert(NonPagedPool + 1 == 1 && NonPagedPoolMustSucceed + 1 == 3 && NonPagedPoolCacheAligned + 1 == 5 &&
                   NonPagedPoolCacheAlignedMustS + 1 == 7 && PagedPool + 1 == 2 && PagedPoolCacheAligned + 1 == 6,
               "the nonpaged types + 1 are the odd numbers under 8, the paged ones 2 and 6");

static inline uint32_t allocated_fields_mask(enum pool_kind kind)
{
    uint32_t free_type_bits = kind == POOL_KIND_NONPAGED ? 6u : 4u;
    return 0x7Fu << 9 | (0x7Fu & ~free_type_bits) << 25;
}

static inline uint32_t allocated_fields(enum pool_kind kind)
{
    return pool_header_fields(kind, 0, kind == POOL_KIND_NONPAGED ? 1u : 2u);
}

/* Whether the allocated block h whose first ULONG is w passes check_block's tests of its own fields
 * and of the next block's view of it (with fewer branches). As NT's free does, it leaves the previous
 * block's size to release, which checks it before it merges; a block freed to a lookaside does not
 * merge, and a wrong previous size is reported when the block before it is freed. */
__attribute__((always_inline)) static inline bool block_looks_right(enum pool_kind kind, const struct pool_header *h,
                                                                   uint32_t w)
{
    unsigned at = units_into_page(h), n = pool_header_word_size(w);
    bool fields_ok = (w & allocated_fields_mask(kind)) == allocated_fields(kind) && n != 0 &&
                     at + n <= POOL_PAGE_UNITS && previous_fits(w & POOL_HEADER_PREVIOUS_MASK, at);
    if (!fields_ok)
        return false;
    return at + n == POOL_PAGE_UNITS || (h + n)->previous_size == n;
}

/* Marks the block whose first ULONG is w free on a lookaside: free for double-free checks, not mergeable. */
static void set_cached(struct pool_header *h, uint32_t w, enum pool_kind kind)
{
    uint32_t n = pool_header_word_size(w);
    pool_header_set_word(h, (w & POOL_HEADER_PREVIOUS_MASK) | pool_header_fields(kind | POOL_INDEX_CACHED, n, 0));
}

/* Every free that the fast path below does not take: all checks in order, then the lookaside or
 * the free lists. */
__attribute__((noinline)) void pool_small_free(enum pool_kind kind, void *p, uint32_t tag)
{
    struct pool_descriptor *d = &descriptors[kind];
    struct pool_header *h = pool_header_of(p);
    if ((uintptr_t)p % POOL_UNIT || page_of(h) != page_of(p))
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    uint32_t w = pool_header_word(h);
    if (w >> 25 == 0)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_DOUBLE_FREE, 0, w, (ULONG_PTR)p);
    if (!block_looks_right(kind, h, w))
        check_block(d, h);
    if (tag && tag != h->pool_tag)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, h->pool_tag, tag);
    unsigned n = pool_header_word_size(w);
    uint32_t block_tag = h->pool_tag; /* release may give the page back */
    bool cached = false;
    if (n <= POOL_LOOKASIDE_UNITS) {
        set_cached(h, w, kind);
        cached = lookaside_push(&d->cache[n], p);
        if (cached)
            cached_seal(p);
    }
    if (!cached)
        release(d, h, n);
    pool_count_free(block_tag, kind, n * POOL_UNIT);
}

/* The common free (a sound block whose lookaside has room, its tag counted last) makes no call, so
 * it saves no registers, and reads each field once; anything else goes to pool_small_free, which
 * tests it all again and reports what fails. Reads nothing before the address checks allow it. */
POOL_HOT_CALL void pool_small_free_nonpaged(void *p, uint32_t tag)
{
    struct pool_header *h = pool_header_of(p);
    if ((uintptr_t)p % POOL_UNIT || page_of(h) != page_of(p))
        goto checked;
    uint32_t w = pool_header_word(h);
    unsigned n = pool_header_word_size(w);
    if (n > POOL_LOOKASIDE_UNITS) /* first: larger blocks would pay for these tests twice */
        goto checked;
    /* A freed block's type 0 fails block_looks_right (pool_small_free reports the double free). */
    if (!block_looks_right(POOL_KIND_NONPAGED, h, w))
        goto checked;
    uint32_t block_tag = h->pool_tag;
    struct tag_entry *t = tagtab_last;
    if (!t || t->key.key != block_tag || (tag && tag != block_tag))
        goto checked;
    GENERAL_LOOKASIDE *l = &descriptors[POOL_KIND_NONPAGED].cache[n];
    if (lookaside_full(l))
        goto checked;
    set_cached(h, w, POOL_KIND_NONPAGED);
    PSINGLE_LIST_ENTRY e = p; /* lookaside_push, its room made sure of above */
    e->Next = l->ListHead.Next.Next;
    cached_seal(e);
    l->ListHead.Next.Next = e;
    l->ListHead.Depth++;
    l->TotalFrees++;
    struct tag_counters *c = &t->pool[POOL_KIND_NONPAGED];
    c->frees++;
    c->bytes -= n * POOL_UNIT;
    return;
checked:
    pool_small_free(POOL_KIND_NONPAGED, p, tag);
}

void pool_small_trim(void)
{
    for (unsigned k = 0; k < POOL_KINDS; k++) {
        KIRQL old = pool_lock(k);
        for (unsigned n = POOL_MIN_BLOCK_UNITS; n <= POOL_LOOKASIDE_UNITS; n++) {
            PSINGLE_LIST_ENTRY e = lookaside_drain(&descriptors[k].cache[n]);
            while (e) {
                check_cached(k, e, n);
                PSINGLE_LIST_ENTRY next = e->Next;
                release(&descriptors[k], pool_header_of(e), n);
                e = next;
            }
        }
        pool_unlock(k, old);
    }
}
