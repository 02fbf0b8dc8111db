#include "pool/freed_objects.h"

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "kernel/timer.h"
#include "kernel/verifier_violations.h"
#include "mm/pool_pages.h"
#include "mm/special_pages.h"
#include "pool/lookaside.h"
#include "pool/pool_class.h"
#include "pool/pool_locks.h"
#include "pool/pool_page.h"
#include "pool/pool_small.h"
#include "pool/special_pool.h"

struct extent {
    uintptr_t start;
    uint32_t bytes;
    ULONG_PTR type;
};

static bool readable(enum pool_kind kind)
{
    return KeGetCurrentIrql() <= pool_highest_irql(kind);
}

/* The allocated block at p, read without trusting it further than its own page. */
static bool extent_of(const void *p, struct extent *x)
{
    const uint8_t *owner = pool_pages_owner(p);
    uint8_t use = owner ? *owner : 0;
    uintptr_t page = pool_page_of(p);
    enum pool_kind kind = pool_owner_kind(use);
    if (!use) {
        enum special_page_state state = special_pages_contains(p) ? special_pages_state(p) : SPECIAL_PAGE_FREE;
        kind = state == SPECIAL_PAGE_PAGEABLE ? POOL_KIND_PAGED : POOL_KIND_NONPAGED;
        if ((state != SPECIAL_PAGE_RESIDENT && state != SPECIAL_PAGE_PAGEABLE) || !readable(kind))
            return false;
        struct pool_block_info b;
        special_pool_describe((const void *)page, &b);
        *x = (struct extent){ b.header, b.bytes, kind == POOL_KIND_PAGED ? PagedPool : NonPagedPool };
        return b.header == (uintptr_t)p;
    }
    if (!readable(kind))
        return false;
    unsigned code = pool_owner_code(use, kind);
    if (code < POOL_SMALL_CODES) { /* a block start of the page's class (pool_class.h) */
        const struct pool_class *c = &pool_classes[pool_small_code_class(code)];
        if (pool_class_block_index(c, (uint32_t)((uintptr_t)p % POOL_PAGE)) >= c->count)
            return false;
        unsigned type = pool_header_word(pool_header_of(p)) >> 25;
        *x = (struct extent){ (uintptr_t)p, c->bytes - POOL_UNIT, type - 1u };
        return type != 0;
    }
    if (pool_owner_use(use) != PAGE_BIG || (uintptr_t)p != page)
        return false;
    KIRQL old = pool_tables_lock();
    const struct page_entry *e = hashtab_find(&pool_page_table, page);
    if (e)
        *x = (struct extent){ page, e->npages * POOL_PAGE, e->pool_type };
    pool_tables_unlock(old);
    return e != 0;
}

void freed_objects_check(const void *p, const void *caller)
{
    struct extent x;
    if (!extent_of(p, &x))
        return;
    uintptr_t lo = x.start, hi = x.start + x.bytes;
    const void *object;
    enum timer_dpc_found found = timer_or_dpc_in_range(lo, hi, &object);
    if (found == TIMER_FOUND_TIMER && driver_code_verified(caller))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_FREED_TIMER, (ULONG_PTR)object, x.type,
                     (ULONG_PTR)p);
    if (found != TIMER_FOUND_NONE)
        KeBugCheckEx(BUGCHECK_TIMER_OR_DPC_INVALID, found, (ULONG_PTR)object, lo, hi);
    const GENERAL_LOOKASIDE *l = lookaside_wdk_in(lo, hi);
    if (l)
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_FREED_LOOKASIDE, (ULONG_PTR)l, (ULONG_PTR)p,
                     x.bytes);
}
