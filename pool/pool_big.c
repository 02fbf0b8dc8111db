#include "pool/pool_big.h"

#include "mm/pool_pages.h"
#include "pool/pool_header.h"
#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_tags.h"
#include "pool/verifier.h"

/* Owner bytes of a big allocation: its first page, then its tail (a free there is no block start). */
static void mark_pages(char *p, size_t npages, enum pool_kind kind, bool in_use)
{
    for (size_t i = 0; i < npages; i++)
        *pool_pages_owner(p + i * POOL_PAGE) = in_use ? pool_owner_byte(i ? PAGE_BIG_TAIL : PAGE_BIG, kind) : 0;
}

/* Nothing in it touches the pages themselves, so all of it may run under the spinlock. */
static void *alloc_shared(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
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
    mark_pages(p, npages, kind, true);
    e->pool_type = (uint8_t)base_type;
    e->tag = tag;
    e->npages = (uint32_t)npages;
    e->bytes = (uint32_t)bytes;
    pool_stats.big_pages[kind] += e->npages;
    pool_stats.big_allocations[kind]++;
    tagtab_count_alloc(tag, kind, e->npages * POOL_PAGE);
    return p;
}

__attribute__((noinline)) void *pool_big_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag)
{
    KIRQL old = pool_shared_begin(kind);
    void *p = alloc_shared(kind, base_type, bytes, tag);
    pool_shared_end(kind, old);
    return p;
}

uint32_t pool_big_set_owner(void *p, unsigned owner)
{
    struct page_entry *e = hashtab_find(&pool_page_table, (uintptr_t)p);
    e->owner = (uint8_t)owner;
    return e->npages * POOL_PAGE;
}

static void free_shared(struct page_entry *e, void *p, uint32_t tag)
{
    if (tag && tag != e->tag)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_WRONG_TAG, (ULONG_PTR)p, e->tag, tag);
    tagtab_count_free(e->tag, e->kind, e->npages * POOL_PAGE);
    if (e->owner)
        verifier_discharge(e->owner, e->tag, e->kind, e->npages * POOL_PAGE);
    pool_stats.big_pages[e->kind] -= e->npages;
    pool_stats.big_allocations[e->kind]--;
    mark_pages(p, e->npages, e->kind, false);
    pool_page_put(p, e->npages);
    hashtab_remove(&pool_page_table, e);
}

void pool_big_free(enum pool_kind kind, void *p, uintptr_t page, uint32_t tag, const void *caller)
{
    if (KeGetCurrentIrql() > pool_highest_irql(kind)) { /* no DPC runs up there: the table reads safely unlocked */
        const struct page_entry *e = hashtab_find(&pool_page_table, page);
        pool_check_free_irql(kind, e->pool_type, p, caller);
    }
    if ((uintptr_t)p != page)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_BAD_ADDRESS, (ULONG_PTR)p, 0, 0);
    KIRQL old = pool_lock(kind), shared = pool_shared_begin(kind);
    if (verifier_tracked)
        verifier_untrack(p);
    free_shared(hashtab_find(&pool_page_table, page), p, tag);
    pool_shared_end(kind, shared);
    pool_unlock(kind, old);
}
