#include "pool/pool_small.h"

#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_tags.h"

void pool_small_init(void)
{
    pool_class_init();
    pool_bucket_init();
}

/* Marks the free block h (first ULONG w) allocated to the caller. */
static inline void *hand_out(struct pool_header *h, uint32_t w, unsigned base_type, uint32_t tag)
{
    pool_header_set_word(h, w | (base_type + 1) << 25);
    h->pool_tag = tag;
    return h + 1;
}

POOL_HOT_CALL void *pool_small_alloc_slow(enum pool_kind kind, unsigned size_class, unsigned base_type, uint32_t tag)
{
    struct pool_bucket *b = &pool_buckets[kind][size_class];
    struct pool_header *h;
    uint32_t w;
    if (!pool_classes[size_class].first) {
        if (!(h = pool_bucket_take_whole(b, base_type)))
            return 0;
        w = pool_header_word(h);
    } else {
        struct pool_page_record *rec = b->pages ? b->pages : pool_bucket_new_page(b, base_type);
        if (!rec)
            return 0;
        h = pool_header_of(pool_bucket_pop(b->free_word, rec, &w));
        if (rec->free == (void *)rec)
            pool_bucket_page_full(b, rec);
    }
    pool_count_alloc(tag, kind, b->bytes);
    return hand_out(h, w, base_type, tag);
}

POOL_HOT_CALL void pool_small_free_checked(enum pool_kind kind, void *p, uint32_t w, unsigned size_class)
{
    const struct pool_class *c = &pool_classes[size_class];
    struct pool_header *h = pool_header_of(p);
    uint32_t block_tag = h->pool_tag; /* the page may go back below */
    struct pool_bucket *b = &pool_buckets[kind][size_class];
    if (!c->first) {
        pool_bucket_free_whole(b, h, w);
    } else {
        struct pool_page_record *rec = (struct pool_page_record *)pool_page_of(p);
        uint32_t used = pool_bucket_push(rec, h, w);
        if (!pool_bucket_push_is_plain(used, c))
            pool_bucket_freed(b, rec, used);
    }
    pool_count_free(block_tag, kind, c->bytes);
}

__attribute__((noinline)) void pool_small_free(enum pool_kind kind, void *p, uint32_t tag, unsigned size_class)
{
    pool_small_free_checked(kind, p, pool_small_check_free(kind, &pool_classes[size_class], p, tag), size_class);
}

void pool_small_trim(enum pool_kind kind)
{
    KIRQL old = pool_lock(kind);
    pool_bucket_trim(kind);
    pool_unlock(kind, old);
}
