#include "pool/pool_lists.h"

#include "mm/pool_pages.h"
#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_tags.h"

#define BITMAP_WORDS (POOL_PAGE_UNITS / 32)

struct pool_lists {
    enum pool_kind kind;
    struct pool_link heads[POOL_PAGE_UNITS]; /* [n]: free blocks of n units */
    uint32_t nonempty[BITMAP_WORDS];         /* bit n: heads[n] is not empty */
    uint32_t nonempty_words;                 /* bit w: nonempty[w] != 0 */
};

static struct pool_lists lists[POOL_KINDS];

void pool_lists_init(void)
{
    for (unsigned k = 0; k < POOL_KINDS; k++) {
        struct pool_lists *d = &lists[k];
        d->kind = k;
        for (unsigned n = 0; n < POOL_PAGE_UNITS; n++)
            d->heads[n].flink = d->heads[n].blink = &d->heads[n];
    }
}

/* --- free lists and their bitmap --- */

__attribute__((always_inline)) static inline void mark(struct pool_lists *d, unsigned n, bool nonempty)
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
static unsigned first_fit(const struct pool_lists *d, unsigned n)
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

static void list_insert(struct pool_lists *d, struct pool_header *h, unsigned n)
{
    struct pool_link *head = &d->heads[n], *link = links_of(h);
    link->flink = head->flink;
    link->blink = head;
    head->flink->blink = link;
    head->flink = link;
    mark(d, n, true);
}

/* Whether p lies in a page of small blocks of this pool. */
static bool in_small_page(const struct pool_lists *d, const void *p)
{
    const uint8_t *owner = pool_pages_owner(p);
    return owner && *owner == pool_owner_byte(PAGE_SMALL, d->kind);
}

/* A link a driver may have overwritten: follow it only into a list head or this pool's pages. */
__attribute__((always_inline)) static inline bool link_plausible(const struct pool_lists *d, const struct pool_link *l)
{
    if ((uintptr_t)l % sizeof(void *))
        return false;
    return (l >= d->heads && l < d->heads + POOL_PAGE_UNITS) || in_small_page(d, l);
}

__attribute__((always_inline)) static inline void list_remove(struct pool_lists *d, struct pool_header *h, unsigned n)
{
    struct pool_link *link = links_of(h), *f = link->flink, *b = link->blink;
    if (!link_plausible(d, f) || !link_plausible(d, b))
        pool_bad_header(POOL_HEADER_FREE_LINKS, link, (uintptr_t)f, b);
    if (f->blink != link || b->flink != link)
        pool_bad_header(POOL_HEADER_FREE_LINKS, link, (uintptr_t)f->blink, b->flink);
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
static void take_free_neighbour(struct pool_lists *d, struct pool_header *h)
{
    unsigned n = h->block_size, end = pool_units_into_page(h) + n;
    if (h->pool_index != d->kind || n == 0 || end > POOL_PAGE_UNITS)
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, h, pool_header_word(h), 0);
    if (end < POOL_PAGE_UNITS && (h + n)->previous_size != n)
        pool_bad_header(POOL_HEADER_NEIGHBOURS, h, 0, h + n);
    if (n >= POOL_MIN_BLOCK_UNITS)
        list_remove(d, h, n);
}

static void set_free(struct pool_lists *d, struct pool_header *h, unsigned n)
{
    h->block_size = n;
    h->pool_type = 0;
    h->pool_index = d->kind;
}

/* Blocks too small to hold links stay unlisted until a neighbour's merge takes them in. h's previous
 * size is checked against the block before it here, as NT checks it when it coalesces: a block freed
 * to a lookaside meanwhile may have had it overwritten. */
__attribute__((noinline)) POOL_HOT_CALL void pool_lists_release(enum pool_kind kind, struct pool_header *h, unsigned n)
{
    struct pool_lists *d = &lists[kind];
    uintptr_t page = pool_page_of(h);
    struct pool_header *next = h + n, *end = (struct pool_header *)(page + POOL_PAGE);
    unsigned previous = h->previous_size;
    if (!pool_previous_fits(previous, pool_units_into_page(h)))
        pool_bad_header(POOL_HEADER_PREVIOUS_TOO_LARGE, h, 0, h);
    if (previous) {
        struct pool_header *prev = h - previous;
        if (prev->block_size != previous)
            pool_bad_header(POOL_HEADER_NEIGHBOURS, prev, 0, h);
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
    pool_header_set_allocated(h, pool_header_word(h), kind, n, base_type, tag);
}

static struct pool_header *new_page(struct pool_lists *d, unsigned base_type)
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
static struct pool_header *take_listed(struct pool_lists *d, unsigned n)
{
    struct pool_header *h = (struct pool_header *)d->heads[n].flink - 1;
    if (h->block_size != n || !mergeable(h) || h->pool_index != d->kind)
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, h, pool_header_word(h), 0);
    list_remove(d, h, n);
    return h;
}

POOL_HOT_CALL void *pool_lists_alloc(enum pool_kind kind, unsigned n, unsigned base_type, uint32_t tag)
{
    struct pool_lists *d = &lists[kind];
    bool aligned = pool_type_cache_aligned(base_type);
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
            pool_lists_release(kind, h, lead);
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
        pool_lists_release(kind, rest, avail - n);
    } else if (pool_units_into_page(rest) != 0) { /* a lead cut off above changed where this block starts */
        rest->previous_size = n;
    }
    pool_count_alloc(tag, kind, n * POOL_UNIT);
    return h + 1;
}

__attribute__((cold)) void pool_lists_check_block(enum pool_kind kind, struct pool_header *h)
{
    unsigned at = pool_units_into_page(h), n = h->block_size, prev = h->previous_size;
    unsigned type = h->pool_type - 1u;
    if ((h->pool_index & ~(POOL_INDEX_CACHED | POOL_INDEX_OWNER_MASK)) != kind || type >= MaxPoolType || type == DontUseThisType ||
        pool_kind_of((POOL_TYPE)type) != kind)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_HEADER, (ULONG_PTR)h, pool_header_word(h), 0);
    if (n == 0)
        pool_bad_header(POOL_HEADER_SIZE_ZERO, 0, 0, h);
    if (at + n > POOL_PAGE_UNITS)
        pool_bad_header(POOL_HEADER_SIZE_TOO_LARGE, h, 0, h);
    if (!pool_previous_fits(prev, at))
        pool_bad_header(POOL_HEADER_PREVIOUS_TOO_LARGE, h, 0, h);
    if (prev && (h - prev)->block_size != prev)
        pool_bad_header(POOL_HEADER_NEIGHBOURS, h - prev, 0, h);
    if (at + n < POOL_PAGE_UNITS && (h + n)->previous_size != n)
        pool_bad_header(POOL_HEADER_NEIGHBOURS, h, 0, h + n);
}
