/* The pages of each size class, per pool: a bucket per kind and class (pool_class.h) lists the pages
 * that have a free block, the next allocation's page first. A page's record, at its start, holds the
 * free list of its blocks and their count in use; a free block's link is sealed with a check word
 * bound to the link and the block's address. A page whose blocks are all free goes back to the page
 * provider, but for one kept per bucket (so a churning pair neither maps nor unmaps; up to 16 for the
 * one-block class, whose every allocation is a page), which pool_bucket_trim gives back too. Every
 * call holds pool_lock(kind) (pool_locks.h): paged pool's pages and records are touched at APC_LEVEL
 * only, never under the spinlock. */
#ifndef PAGODA_POOL_BUCKET_H
#define PAGODA_POOL_BUCKET_H

#include <stdint.h>

#include "pool/pool_class.h"
#include "pool/pool_violations.h"

#define POOL_RECORD_TAG 0x6C6F6F50u /* 'looP': the page records show as blocks of tag "Pool" */
#define POOL_LINK_COOKIE ((uintptr_t)0x5A17C0DEu)

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

struct pool_bucket {
    struct pool_page_record *pages; /* the pages with a free block: the next allocation takes the first */
    struct pool_page_record *last;  /* and the last of them */
    void *spare;                    /* an empty page kept back, or NULL; blocks may have been taken from it
                                       since (its record says); for the one-block class, the top of a
                                       stack of them (pool_bucket.c) */
    uint32_t free_word;             /* a free block's first ULONG (but the page's first block's, whose
                                       previous size is the record's) */
    uint32_t bytes;                 /* the class's block size, header included */
};

extern struct pool_bucket pool_buckets[POOL_KINDS][POOL_SMALL_CLASSES];

/* A bucket's kind and size class, from where it lies (the slow paths' business only). */
static inline enum pool_kind pool_bucket_kind(const struct pool_bucket *b)
{
    return (enum pool_kind)((b - &pool_buckets[0][0]) / POOL_SMALL_CLASSES);
}

static inline unsigned pool_bucket_class(const struct pool_bucket *b)
{
    return (unsigned)((b - &pool_buckets[0][0]) % POOL_SMALL_CLASSES);
}

void pool_bucket_init(void);

static inline uintptr_t pool_link_check(const struct pool_free_link *l, const void *next)
{
    return (uintptr_t)next ^ (uintptr_t)l ^ POOL_LINK_COOKIE;
}

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
/* The one-block class: its block's header (free, to be set allocated) on the spare page or a new
 * page; NULL when no page can be had. The free of an allocated block whose header h was checked. */
struct pool_header *pool_bucket_take_whole(struct pool_bucket *b, unsigned base_type);
void pool_bucket_free_whole(struct pool_bucket *b, struct pool_header *h, uint32_t w);
/* Gives back the empty pages the buckets of kind keep. */
void pool_bucket_trim(enum pool_kind kind);

/* Takes the first free block of rec, a page of a bucket whose free blocks' first ULONG is free_word
 * (pool_bucket.free_word): its link and header are checked before the link is followed. Returns the
 * block and its header's first ULONG in *word. When it was the page's last free block (rec->free is rec
 * now), the caller hands the page to pool_bucket_page_full once it is done with the block. */
__attribute__((always_inline)) static inline struct pool_free_link *pool_bucket_pop(uint32_t free_word,
                                                                                   struct pool_page_record *rec,
                                                                                   uint32_t *word)
{
    _Static_assert((POOL_RECORD_UNITS + 1) * POOL_UNIT == 64, "a page's first block's pointer is 64 bytes in");
    struct pool_free_link *l = rec->free;
    if ((uintptr_t)l - (uintptr_t)rec - 1 >= POOL_PAGE - 1) /* in the page, not the record: a block */
        pool_bucket_bad_record(rec, (uintptr_t)l);
    struct pool_free_link *next = l->next;
    if (l->check != pool_link_check(l, next))
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, l, 0, 0);
    rec->free = next; /* sound: a failure below stops the machine anyway */
    rec->used++;
    uint32_t w = pool_header_word(pool_header_of(l));
    if ((char *)l == (char *)rec + 64) /* the page's first block: its previous size is the record's */
        free_word = (free_word & ~POOL_HEADER_PREVIOUS_MASK) | POOL_RECORD_UNITS;
    if (w != free_word)
        pool_bad_header(POOL_HEADER_FREED_MODIFIED, pool_header_of(l), w, 0);
    *word = w;
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
    struct pool_free_link *l = (struct pool_free_link *)(h + 1), *first = rec->free;
    if ((uintptr_t)first - (uintptr_t)rec >= POOL_PAGE)
        pool_bucket_bad_record(rec, (uintptr_t)first);
    l->next = first;
    l->check = pool_link_check(l, first);
    rec->free = l;
    pool_header_set_word(h, pool_header_word_freed(w));
    uint32_t used = rec->used;
    rec->used = used - 1;
    return used;
}

#endif
