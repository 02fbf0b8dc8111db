/* The blocks of each size class, per pool: a bucket per kind and class (pool_class.h). Its blocks freed
 * lately wait in the bucket's cache, a list of at most cache_max, last in, first out: the next
 * allocation of the class takes the first of them, a block the free just read, with nothing else to
 * touch. Behind it, the bucket lists the pages that have a free block, the next allocation's page
 * first; a page's record, at its start, holds the free list of its blocks and their count in use (the
 * cached ones count as in use). Every free block's link, in the cache as in a page's list, is sealed
 * with a check word bound to the link, the block's address and its header. When the cache is full, a
 * free first sends its older half back to their pages. A page whose blocks are all free goes back to
 * the page provider, but for one kept per bucket (so a churning pair neither maps nor unmaps), which
 * pool_bucket_trim gives back too, once it has emptied the caches. The one-block class has no list and
 * no records: a page per block, whose cache (16) keeps the pages of freed blocks, and sends them back
 * to the provider when it empties. Every call holds pool_lock(kind)
 * (pool_locks.h): paged pool's pages, records and cached blocks are touched at APC_LEVEL only, never
 * under the spinlock. */
#ifndef PAGODA_POOL_BUCKET_H
#define PAGODA_POOL_BUCKET_H

#include <stdbool.h>
#include <stdint.h>

#include "pool/pool_class.h"
#include "pool/pool_tags.h"
#include "pool/pool_violations.h"

#define POOL_RECORD_TAG 0x6C6F6F50u /* 'looP': the page records show as blocks of tag "Pool" */

/* The calls the common paths make take their arguments in registers on i686 (the kernel build has no
 * LTO to inline them; x86-64 passes them so anyway). */
#ifdef __i386__
#define POOL_HOT_CALL __attribute__((regparm(3)))
#else
#define POOL_HOT_CALL
#endif

struct pool_page_record;

/* A link between the records of a bucket's pages, and its check word (pool_bucket.c). */
struct pool_page_link {
    struct pool_page_record *page;
    uintptr_t check;
};

struct pool_page_record {
    struct pool_header header;         /* a block of POOL_RECORD_UNITS, allocated, tag POOL_RECORD_TAG */
    struct pool_free_link *free;       /* the first free block; the record itself when there is none */
    struct pool_page_link next, prev;  /* the bucket's pages with a free block */
    uint32_t used;                     /* blocks in use */
};
_Static_assert(sizeof(struct pool_page_record) <= POOL_RECORD_UNITS * POOL_UNIT, "the record fits its 56 bytes");

/* One cache line, found with a shift: all that the common allocation and free read and write of their
 * class, its tag counts included. */
struct pool_bucket {
    struct pool_free_link *cache;   /* blocks freed lately, the last first; NULL when none */
    struct pool_page_record *pages; /* the pages with a free block: the next allocation takes the first */
    struct pool_page_record *last;  /* the last page on the list */
    uint16_t room, cache_max;       /* how many more the cache may take, and how many at most (0: none) */
    struct tag_pending pending;     /* nonpaged pool's: the tag counted last, its counts not yet in its
                                       entry (pool_tags.h); paged pool counts in the entries */
    uint32_t free_word;             /* a free block's first ULONG (but the page's first block's, whose
                                       previous size is the record's) */
    struct pool_block_test test;    /* the class's, with this pool's words */
} __attribute__((aligned(64)));
_Static_assert(sizeof(struct pool_bucket) == 64, "a bucket is a cache line");

/* How many blocks b's cache holds. */
static inline uint32_t pool_bucket_cached(const struct pool_bucket *b)
{
    return b->cache_max - b->room;
}

extern struct pool_bucket pool_buckets[POOL_KINDS][POOL_SMALL_CLASSES];

/* Nonpaged pool's pages of small blocks past which its frees are deferred (pool_small.h): 1 MiB, a
 * processor's second-level cache, beyond which a freed block's header is seldom in the cache. Half
 * of it turns them back to immediate. */
#define POOL_DEFER_PAGES 256u
/* Set when nonpaged pool takes its page past POOL_DEFER_PAGES; pool_small.c clears it. */
extern bool pool_bucket_defer;

/* A bucket's kind and size class, from where it lies (the slow paths' business only). */
static inline enum pool_kind pool_bucket_kind(const struct pool_bucket *b)
{
    return (enum pool_kind)((b - &pool_buckets[0][0]) / POOL_SMALL_CLASSES);
}

static inline unsigned pool_bucket_class(const struct pool_bucket *b)
{
    return (unsigned)((b - &pool_buckets[0][0]) % POOL_SMALL_CLASSES);
}

/* Sets the buckets up, each counting the tag counted last (tagtab_last) for a start. */
void pool_bucket_init(void);

/* Counts the allocation (alloc) or free of a block of b, a bucket of nonpaged pool, with tag. */
static inline void pool_bucket_count(struct pool_bucket *b, uint32_t tag, bool alloc)
{
    if (b->pending.tag != tag)
        tag_pending_count(&b->pending, tag, pool_classes[pool_bucket_class(b)].bytes, alloc);
    else if (alloc)
        b->pending.allocs++;
    else
        b->pending.frees++;
}

/* Adds to out, a copy of the tag entry e, the counts the buckets keep that settle into e. */
void pool_bucket_add_pending(const struct tag_entry *e, struct tag_entry *out);

/* A free block's check word: its link, its own address and its header's first ULONG, bound together. */
static inline uintptr_t pool_link_check(const struct pool_free_link *l, const void *next, uint32_t word)
{
    return (uintptr_t)next ^ (uintptr_t)l ^ word;
}

/* The free block l of bucket b, its link or header changed since it was freed: 0x19/0xD, with its
 * header when that is not what the pool wrote, else with the block (its link or check word). */
__attribute__((noreturn, cold)) void pool_bucket_bad_free_block(const struct pool_bucket *b,
                                                                const struct pool_free_link *l);
/* The record's first free block or count is not one the pool wrote: 0x19/0x3 (record, value, 0). */
__attribute__((noreturn, cold)) void pool_bucket_bad_record(const struct pool_page_record *rec, uintptr_t value);
/* rec, the first page on b's list, has no free block left: off the list. */
POOL_HOT_CALL void pool_bucket_page_full(struct pool_bucket *b, struct pool_page_record *rec);
/* After a free made rec's count of blocks in use `used - 1`, where pool_bucket_push_is_plain said no:
 * the page goes back on the list (it was full), is kept or given back (it is empty), or its record is
 * corrupt. */
POOL_HOT_CALL void pool_bucket_freed(struct pool_bucket *b, struct pool_page_record *rec, uint32_t used);
/* A page for the bucket's list when it is empty: its record and block headers written, first on the
 * list; NULL when no page can be had. */
struct pool_page_record *pool_bucket_new_page(struct pool_bucket *b, unsigned base_type);
/* The one-block class, its cache empty: its block's header (free, to be set allocated) on a new page; NULL
 * when no page can be had. The free of a block of a reserve page whose header h (first ULONG w) was
 * checked: the page goes back. */
struct pool_header *pool_bucket_take_whole(struct pool_bucket *b, unsigned base_type);
void pool_bucket_give_back_whole(struct pool_bucket *b, struct pool_header *h, uint32_t w);
/* Sends all but the first `keep` blocks of b's cache back to their pages' free lists. */
void pool_bucket_flush(struct pool_bucket *b, uint32_t keep);
/* Empties the caches of kind and gives back the empty pages its buckets keep. */
void pool_bucket_trim(enum pool_kind kind);

/* Reads the free block l's link (into *next) and header's first ULONG (into *word); whether they are as
 * its check word says. */
__attribute__((always_inline)) static inline bool pool_bucket_sealed(const struct pool_free_link *l,
                                                                    struct pool_free_link **next, uint32_t *word)
{
    *next = l->next;
    *word = pool_header_word(pool_header_of(l));
    return __builtin_expect(l->check == pool_link_check(l, *next, *word), 1);
}

/* The same, the link returned once checked, before it is followed; a block that fails is reported. */
__attribute__((always_inline)) static inline struct pool_free_link *pool_bucket_unseal(const struct pool_bucket *b,
                                                                                      struct pool_free_link *l,
                                                                                      uint32_t *word)
{
    struct pool_free_link *next;
    if (!pool_bucket_sealed(l, &next, word))
        pool_bucket_bad_free_block(b, l);
    return next;
}

/* Links the block h (first ULONG w, checked) in front of next, marked free. */
__attribute__((always_inline)) static inline struct pool_free_link *pool_bucket_seal(struct pool_header *h, uint32_t w,
                                                                                    struct pool_free_link *next)
{
    struct pool_free_link *l = (struct pool_free_link *)(h + 1);
    uint32_t freed = pool_header_word_freed(w);
    l->next = next;
    l->check = pool_link_check(l, next, freed);
    pool_header_set_word(h, freed);
    return l;
}

/* The first block of b's cache, which must have one: out of the cache, its first ULONG in *word. */
__attribute__((always_inline)) static inline struct pool_free_link *pool_bucket_cache_pop(struct pool_bucket *b,
                                                                                         uint32_t *word)
{
    struct pool_free_link *l = b->cache;
    b->cache = pool_bucket_unseal(b, l, word);
    b->room++;
    return l;
}

/* The first block of b's cache, which must have one, if it is as sealed (else NULL, and
 * pool_bucket_cache_pop reports it): out of the cache, its first ULONG in *word. */
__attribute__((always_inline)) static inline struct pool_free_link *pool_bucket_cache_take(struct pool_bucket *b,
                                                                                          uint32_t *word)
{
    struct pool_free_link *l = b->cache, *next;
    if (!pool_bucket_sealed(l, &next, word))
        return 0;
    b->cache = next;
    b->room++;
    return l;
}

/* Puts the allocated block h (first ULONG w, checked) first in b's cache, which has room, marked free. */
__attribute__((always_inline)) static inline void pool_bucket_cache_push(struct pool_bucket *b, struct pool_header *h,
                                                                        uint32_t w)
{
    b->cache = pool_bucket_seal(h, w, b->cache);
    b->room--;
}

/* Takes the first free block of rec, a page of bucket b: the record's first free block is checked to lie
 * in the page, its link and header against its check word. Returns the block and its header's first
 * ULONG in *word. When it was the page's last free block (rec->free is rec now), the caller hands the
 * page to pool_bucket_page_full once it is done with the block. */
__attribute__((always_inline)) static inline struct pool_free_link *pool_bucket_pop(const struct pool_bucket *b,
                                                                                   struct pool_page_record *rec,
                                                                                   uint32_t *word)
{
    struct pool_free_link *l = rec->free;
    if ((uintptr_t)l - (uintptr_t)rec - 1 >= POOL_PAGE - 1) /* in the page, not the record: a block */
        pool_bucket_bad_record(rec, (uintptr_t)l);
    rec->free = pool_bucket_unseal(b, l, word); /* sound: a failure stops the machine anyway */
    rec->used++;
    return l;
}

/* Whether a free into a page of class c with used blocks in use changes nothing but its free list and
 * count: the page was not full and does not become empty (and its count is sound). Never for the
 * one-block class. */
static inline bool pool_bucket_push_is_plain(uint32_t used, const struct pool_class *c)
{
    return used - 2 < c->middle;
}

/* Puts the allocated block h (first ULONG w, checked) on the free list of its page's record rec, marked
 * free, and returns how many blocks of the page were in use before. */
__attribute__((always_inline)) static inline uint32_t pool_bucket_push(struct pool_page_record *rec,
                                                                       struct pool_header *h, uint32_t w)
{
    struct pool_free_link *first = rec->free;
    if ((uintptr_t)first - (uintptr_t)rec >= POOL_PAGE)
        pool_bucket_bad_record(rec, (uintptr_t)first);
    rec->free = pool_bucket_seal(h, w, first);
    uint32_t used = rec->used;
    rec->used = used - 1;
    return used;
}

#endif
