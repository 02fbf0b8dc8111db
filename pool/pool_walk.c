#include "pool/pool_walk.h"

#include "mm/special_pages.h"
#include "pool/pool_class.h"
#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_small.h"
#include "pool/special_pool.h"

static void visit_header(const struct pool_header *h, enum pool_kind kind, pool_block_visitor visit, void *ctx)
{
    struct pool_block_info b = {
        .header = (uintptr_t)h, .bytes = h->block_size * POOL_UNIT, .previous_bytes = h->previous_size * POOL_UNIT,
        .tag = h->pool_tag, .allocated = h->pool_type != 0, .kind = kind,
    };
    visit(ctx, &b);
}

/* A page of small blocks, from where its class puts them (pool_class.h), not from the sizes in their
 * headers, which a driver may have overwritten: the record, every block, the tail. Each as its header
 * reads. */
static void walk_small_page(const struct page_entry *e, pool_block_visitor visit, void *ctx)
{
    const struct pool_class *c = &pool_classes[e->size_class];
    const struct pool_header *page = (const struct pool_header *)e->key.key, *h = page + c->first;
    enum pool_kind kind = (enum pool_kind)e->kind;
    if (c->first)
        visit_header(page, kind, visit, ctx);
    for (unsigned i = 0; i < c->count; i++, h += c->units)
        visit_header(h, kind, visit, ctx);
    visit_header(h, kind, visit, ctx);
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
    pool_small_settle(); /* a block whose free waits shows free */
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
    pool_small_settle();
    KIRQL old = walk_begin();
    for (size_t cursor = 0; walk_step(&cursor, of_use, PAGE_SMALL, visit, ctx);)
        ;
    for (size_t cursor = 0; walk_step(&cursor, of_use, PAGE_BIG, visit, ctx);)
        ;
    for (const void *page = special_pages_next(0); page; page = special_pages_next(page))
        visit_special(page, visit, ctx);
    KeLowerIrql(old);
}
