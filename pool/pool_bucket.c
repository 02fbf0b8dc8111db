#include "pool/pool_bucket.h"

#include "mm/pool_pages.h"
#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_tags.h"

struct pool_bucket pool_buckets[POOL_KINDS][POOL_SMALL_CLASSES];
bool pool_bucket_defer;
/* Each bucket's empty page kept back, or NULL; blocks may have been taken from it since (its record
 * says). Beside the buckets, which only the slow paths' pages need. */
static struct pool_page_record *spares[POOL_KINDS][POOL_SMALL_CLASSES];

/* A cache holds up to CACHE_BYTES of blocks, CACHE_MIN to CACHE_MAX of them; the one-block class's,
 * whose every block is a page, WHOLE_CACHE: a churn of them neither maps nor unmaps a page each time. */
#define CACHE_BYTES 16384u
#define CACHE_MIN 8u
#define CACHE_MAX 64u
#define WHOLE_CACHE 16u

static uint32_t cache_max(const struct pool_class *c)
{
    uint32_t n = CACHE_BYTES / c->bytes;
    return !c->first ? WHOLE_CACHE : n < CACHE_MIN ? CACHE_MIN : n > CACHE_MAX ? CACHE_MAX : n;
}

void pool_bucket_init(void)
{
    for (unsigned k = 0; k < POOL_KINDS; k++)
        for (unsigned c = 0; c < POOL_SMALL_CLASSES; c++) {
            struct pool_bucket *b = &pool_buckets[k][c];
            b->free_word = pool_header_fields(k, pool_classes[c].units, 0) | pool_classes[c].units;
            b->pending.tag = (uint32_t)tagtab_last->key.key;
            b->cache_max = b->room = (uint16_t)cache_max(&pool_classes[c]);
            b->test = pool_class_test(&pool_classes[c], k);
        }
}

void pool_bucket_add_pending(const struct tag_entry *e, struct tag_entry *out)
{
    for (unsigned c = 0; c < POOL_SMALL_CLASSES; c++)
        tag_pending_add(&pool_buckets[POOL_KIND_NONPAGED][c].pending, pool_classes[c].bytes, e, out);
}

void pool_bucket_bad_record(const struct pool_page_record *rec, uintptr_t value)
{
    pool_bad_header(POOL_HEADER_FREE_LINKS, rec, value, 0);
}

void pool_bucket_bad_free_block(const struct pool_bucket *b, const struct pool_free_link *l)
{
    const struct pool_class *c = &pool_classes[pool_bucket_class(b)];
    struct pool_header *h = pool_header_of(l);
    uint32_t w = pool_header_word(h);
    uint32_t index = pool_class_block_index(c, (uint32_t)((uintptr_t)l % POOL_PAGE));
    if (w != ((b->free_word & ~POOL_HEADER_PREVIOUS_MASK) | pool_class_previous(c, index)))
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, h, w, 0);
    pool_bad_header(POOL_HEADER_FREED_MODIFIED, l, 0, 0);
}

/* --- the list of pages with a free block --- */

/* Each link of a page on a bucket's list is sealed with a check word bound to the link's own address:
 * an underrun of the page's first block reaches them, and the pool reports that (0x19/0x3: record,
 * next, previous as read) before it follows one. */
static uintptr_t seal(const struct pool_page_link *l, const struct pool_page_record *page)
{
    return (uintptr_t)page ^ (uintptr_t)l;
}

static struct pool_page_record *get(const struct pool_page_record *rec, const struct pool_page_link *l)
{
    if (l->check != seal(l, l->page))
        pool_bad_header(POOL_HEADER_FREE_LINKS, rec, (uintptr_t)rec->next.page, rec->prev.page);
    return l->page;
}

static void set(struct pool_page_link *l, struct pool_page_record *page)
{
    l->page = page;
    l->check = seal(l, page);
}

static void unlink_page(struct pool_bucket *b, struct pool_page_record *rec)
{
    struct pool_page_record *next = get(rec, &rec->next), *prev = get(rec, &rec->prev);
    struct pool_page_record *from_prev = prev ? get(prev, &prev->next) : b->pages;
    struct pool_page_record *from_next = next ? get(next, &next->prev) : b->last;
    if (from_prev != rec || from_next != rec)
        pool_bad_header(POOL_HEADER_FREE_LINKS, rec, (uintptr_t)from_next, from_prev);
    if (prev)
        set(&prev->next, next);
    else
        b->pages = next;
    if (next)
        set(&next->prev, prev);
    else
        b->last = prev;
}

/* Puts rec first on b's list (a new page: the next allocation takes from it) or last (a page that was
 * full: by the time allocations reach it, more of its blocks have come free, so that a random churn
 * moves pages on and off the list about three times less often than if it went first). */
static void link_page(struct pool_bucket *b, struct pool_page_record *rec, bool last)
{
    struct pool_page_record **end = last ? &b->last : &b->pages, **other_end = last ? &b->pages : &b->last;
    struct pool_page_record *neighbour = *end;
    set(&rec->next, last ? 0 : neighbour);
    set(&rec->prev, last ? neighbour : 0);
    if (neighbour)
        set(last ? &neighbour->next : &neighbour->prev, rec);
    else
        *other_end = rec;
    *end = rec;
}

/* rec is the list's first page (the bucket says so, no link needs to): only its next is followed. */
POOL_HOT_CALL void pool_bucket_page_full(struct pool_bucket *b, struct pool_page_record *rec)
{
    struct pool_page_record *next = get(rec, &rec->next);
    b->pages = next;
    if (next)
        set(&next->prev, 0);
    else
        b->last = 0;
}

/* --- pages from and back to the provider --- */

/* The page's own entries: the page table, its owner byte, the counts. Nothing here touches the page,
 * so all of it may run under the spinlock. */
static void *take_page(struct pool_bucket *b, unsigned base_type)
{
    enum pool_kind kind = pool_bucket_kind(b);
    const struct pool_class *c = &pool_classes[pool_bucket_class(b)];
    KIRQL old = pool_shared_begin(kind);
    void *page = pool_page_get(1, kind, pool_type_must_succeed(base_type));
    struct page_entry *e = page ? hashtab_insert(&pool_page_table, (uintptr_t)page) : 0;
    if (page && !e) {
        pool_page_put(page, 1);
        page = 0;
    }
    if (page) {
        e->use = PAGE_SMALL;
        e->kind = kind;
        e->size_class = (uint8_t)pool_bucket_class(b);
        *pool_pages_owner(page) =
            pool_owner_small(pool_small_code(pool_bucket_class(b), pool_page_in_reserve(page)), kind);
        if (++pool_stats.small_pages[kind] > POOL_DEFER_PAGES && kind == POOL_KIND_NONPAGED)
            pool_bucket_defer = true;
        if (c->first)
            tagtab_count_alloc(POOL_RECORD_TAG, kind, c->first * POOL_UNIT);
    }
    pool_shared_end(kind, old);
    return page;
}

static void give_back_page(struct pool_bucket *b, void *page)
{
    enum pool_kind kind = pool_bucket_kind(b);
    const struct pool_class *c = &pool_classes[pool_bucket_class(b)];
    KIRQL old = pool_shared_begin(kind);
    *pool_pages_owner(page) = 0;
    hashtab_remove(&pool_page_table, hashtab_find(&pool_page_table, (uintptr_t)page));
    pool_page_put(page, 1);
    pool_stats.small_pages[kind]--;
    if (c->first)
        tagtab_count_free(POOL_RECORD_TAG, kind, c->first * POOL_UNIT);
    pool_shared_end(kind, old);
}

static void write_header(struct pool_header *h, unsigned previous, uint32_t fields, uint32_t tag)
{
    pool_header_set_word(h, previous | fields);
    h->pool_tag = tag;
}

/* Every header of a new page, its blocks free and linked in address order, and its record. Outside
 * the spinlock: a paged pool page may fault in here. */
static void format_page(struct pool_bucket *b, struct pool_header *page)
{
    enum pool_kind kind = pool_bucket_kind(b);
    const struct pool_class *c = &pool_classes[pool_bucket_class(b)];
    struct pool_header *h = page + c->first;
    for (unsigned i = 0; i < c->count; i++, h += c->units) {
        h->pool_tag = 0;
        pool_bucket_seal(h, (b->free_word & ~POOL_HEADER_PREVIOUS_MASK) | pool_class_previous(c, i),
                         i + 1 < c->count ? (struct pool_free_link *)(h + c->units + 1) : (struct pool_free_link *)page);
    }
    write_header(h, c->units, pool_header_fields(kind, pool_class_tail(c), 0), 0); /* the tail: free, never handed out */
    if (!c->first)
        return;
    struct pool_page_record *rec = (struct pool_page_record *)page;
    write_header(&rec->header, 0, pool_allocated_fields(kind, c->first), POOL_RECORD_TAG);
    rec->free = (struct pool_free_link *)(page + c->first + 1);
    rec->used = 0;
}

struct pool_page_record *pool_bucket_new_page(struct pool_bucket *b, unsigned base_type)
{
    struct pool_page_record *rec = take_page(b, base_type);
    if (rec) {
        format_page(b, &rec->header);
        link_page(b, rec, false);
    }
    return rec;
}

/* --- pages becoming empty --- */

/* rec has no block in use now: it becomes the bucket's spare unless the bucket has one that is still
 * empty (or rec is a must-succeed reserve page, wanted back at once); otherwise it goes back. */
static void emptied(struct pool_bucket *b, struct pool_page_record *rec)
{
    struct pool_page_record **spare = &spares[pool_bucket_kind(b)][pool_bucket_class(b)];
    if (*spare == rec)
        return;
    if (!pool_page_in_reserve(rec) && (!*spare || (*spare)->used)) {
        *spare = rec;
        return;
    }
    unlink_page(b, rec);
    give_back_page(b, rec);
}

POOL_HOT_CALL void pool_bucket_freed(struct pool_bucket *b, struct pool_page_record *rec, uint32_t used)
{
    if (used == pool_classes[pool_bucket_class(b)].count) /* full until now: back on the list */
        link_page(b, rec, true);
    else if (used == 1)
        emptied(b, rec);
    else
        pool_bucket_bad_record(rec, used);
}

/* --- the one-block class: a page per block, on no list --- */

struct pool_header *pool_bucket_take_whole(struct pool_bucket *b, unsigned base_type)
{
    struct pool_header *h = take_page(b, base_type);
    if (h)
        format_page(b, h);
    return h;
}

void pool_bucket_give_back_whole(struct pool_bucket *b, struct pool_header *h, uint32_t w)
{
    pool_header_set_word(h, pool_header_word_freed(w));
    give_back_page(b, h);
}

/* --- the cache --- */

/* The free of the block l of b, taken back from the cache: on its page's free list, or for the
 * one-block class, its page back to the provider. Returns the block that came after it in the cache. */
static struct pool_free_link *to_page(struct pool_bucket *b, struct pool_free_link *l)
{
    struct pool_page_record *rec = (struct pool_page_record *)pool_page_of(l);
    uint32_t w;
    struct pool_free_link *next = pool_bucket_unseal(b, l, &w);
    if (!pool_classes[pool_bucket_class(b)].first) {
        give_back_page(b, rec);
        return next;
    }
    uint32_t used = pool_bucket_push(rec, pool_header_of(l), w);
    if (!pool_bucket_push_is_plain(used, &pool_classes[pool_bucket_class(b)]))
        pool_bucket_freed(b, rec, used);
    return next;
}

void pool_bucket_flush(struct pool_bucket *b, uint32_t keep)
{
    struct pool_free_link *last = 0, *l = b->cache;
    uint32_t w = 0;
    for (uint32_t i = 0; i < keep && l; i++) {
        last = l;
        l = pool_bucket_unseal(b, l, &w);
    }
    if (last) /* the last one kept ends the cache now: its link and check word change */
        pool_bucket_seal(pool_header_of(last), w, 0);
    else
        b->cache = 0;
    if (pool_bucket_cached(b) > keep)
        b->room = (uint16_t)(b->cache_max - keep);
    while (l)
        l = to_page(b, l);
}

void pool_bucket_trim(enum pool_kind kind)
{
    for (unsigned c = 0; c < POOL_SMALL_CLASSES; c++) {
        struct pool_bucket *b = &pool_buckets[kind][c];
        pool_bucket_flush(b, 0);
        struct pool_page_record *spare = spares[kind][c];
        spares[kind][c] = 0;
        if (spare && !spare->used) {
            unlink_page(b, spare);
            give_back_page(b, spare);
        }
    }
}
