#include "pool/special_pool.h"

#include "kernel/bugcheck.h"
#include "kernel/lib/kstring.h"
#include "mm/special_pages.h"
#include "pool/pool_header.h"
#include "pool/pool_locks.h"
#include "pool/pool_tags.h"
#include "pool/verifier.h"

#define SPECIAL_POOL_MAGIC 0x6C705353u /* "SSpl" */

/* At the start of each special page; the block sits at its end. */
struct special_header {
    uint32_t magic;
    uint32_t tag;
    uint32_t bytes;
    uint16_t offset; /* of the block in the page */
    uint16_t owner;  /* the driver whose code allocated it (pool/verifier.h), 0 the kernel */
};

static void *retired[SPECIAL_POOL_RETIRED];
static unsigned retired_next;

void *special_pool_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag, unsigned owner)
{
    uint32_t align = pool_type_cache_aligned(base_type) ? POOL_CACHE_LINE : POOL_UNIT;
    if (bytes > POOL_PAGE - sizeof(struct special_header) - align)
        return 0;
    uint32_t offset = (POOL_PAGE - (uint32_t)bytes) & ~(align - 1);
    char *page = special_pages_alloc(kind == POOL_KIND_PAGED);
    if (!page)
        return 0;
    memset(page, SPECIAL_POOL_FILL, POOL_PAGE);
    *(struct special_header *)page = (struct special_header){
        SPECIAL_POOL_MAGIC, tag, (uint32_t)bytes, (uint16_t)offset, (uint16_t)owner,
    };
    pool_count_alloc(tag, kind, POOL_PAGE);
    return page + offset;
}

void special_pool_describe(const void *page, struct pool_block_info *block)
{
    const struct special_header *h = page;
    bool pageable = special_pages_state(page) == SPECIAL_PAGE_PAGEABLE;
    *block = (struct pool_block_info){
        .header = (uintptr_t)page + h->offset % POOL_PAGE, /* a corrupt offset still points into the page */
        .bytes = h->bytes, .tag = h->tag, .allocated = true, .special = true,
        .kind = pageable ? POOL_KIND_PAGED : POOL_KIND_NONPAGED,
    };
}

/* The first byte of [from, to) that is not the fill, or NULL. */
static const unsigned char *first_unfilled(const unsigned char *from, const unsigned char *to)
{
    for (; from < to; from++)
        if (*from != SPECIAL_POOL_FILL)
            return from;
    return 0;
}

static void check_fill(void *p, const void *from, const void *to, enum special_pool_violation what)
{
    const unsigned char *bad = first_unfilled(from, to);
    if (bad)
        KeBugCheckEx(BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, (ULONG_PTR)p, (ULONG_PTR)bad, 0, what);
}

void special_pool_free(void *p, uint32_t tag, const void *caller)
{
    enum special_page_state state = special_pages_state(p);
    if (state != SPECIAL_PAGE_RESIDENT && state != SPECIAL_PAGE_PAGEABLE) /* freed already, or never */
        KeBugCheckEx(BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, (ULONG_PTR)p, 0, 0, SPECIAL_POOL_NOT_ALLOCATED);
    enum pool_kind kind = state == SPECIAL_PAGE_PAGEABLE ? POOL_KIND_PAGED : POOL_KIND_NONPAGED;
    pool_check_free_irql(kind, kind == POOL_KIND_PAGED ? PagedPool : NonPagedPool, p, caller);
    KIRQL old = pool_lock(kind);
    char *page = (char *)((uintptr_t)p & ~(uintptr_t)(POOL_PAGE - 1));
    struct special_header *h = (struct special_header *)page;
    if (h->magic != SPECIAL_POOL_MAGIC)
        KeBugCheckEx(BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, (ULONG_PTR)p, (ULONG_PTR)page, 0,
                     SPECIAL_POOL_BEFORE_BLOCK);
    if (page + h->offset != p)
        KeBugCheckEx(BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, (ULONG_PTR)p, h->bytes, h->offset,
                     SPECIAL_POOL_BAD_ADDRESS);
    if (tag && tag != h->tag)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, h->tag, tag);
    check_fill(p, h + 1, p, SPECIAL_POOL_BEFORE_BLOCK);
    check_fill(p, (char *)p + h->bytes, page + POOL_PAGE, SPECIAL_POOL_AFTER_BLOCK);
    KIRQL shared = pool_shared_begin(kind);
    if (verifier_tracked)
        verifier_untrack(p);
    tagtab_count_free(h->tag, kind, POOL_PAGE);
    if (h->owner)
        verifier_discharge(h->owner, h->tag, kind, POOL_PAGE);
    special_pages_retire(page);
    /* The oldest retired page goes back once the ring is full. */
    void **slot = &retired[retired_next++ % SPECIAL_POOL_RETIRED];
    if (*slot)
        special_pages_free(*slot);
    *slot = page;
    pool_shared_end(kind, shared);
    pool_unlock(kind, old);
}
