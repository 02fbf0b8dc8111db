/* Every bugcheck the pool raises, each in a child process: the STOP code and its parameters. */
#include <stdio.h>

#include "kernel/bugcheck.h"
#include "host/pool_host.h"
#include "pool/pool_small.h"
#include "tests/host/death.h"
#include "tests/host/pool_test_util.h"
#include "tests/host/unit.h"

static void free_twice(void *arg)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, (SIZE_T)arg, 'elbD');
    ExFreePoolWithTag(p, 'elbD');
    ExFreePoolWithTag(p, 'elbD');
}

TEST(pool_double_free_is_c2_07_for_every_kind_of_block)
{
    SIZE_T sizes[] = { 24, 600, 4000, 20000 }; /* small and medium classes, the one-block class, a big block */
    for (unsigned i = 0; i < 4; i++) {
        struct stop s = run_until_stop(free_twice, (void *)sizes[i]);
        CHECK(s.died && s.code == BUGCHECK_BAD_POOL_CALLER);
        CHECK(s.p[0] == POOL_CALLER_DOUBLE_FREE);
    }
}

static void free_twice_keeping_the_page(void *arg)
{
    (void)arg;
    void *keep = ExAllocatePoolWithTag(NonPagedPool, 600, 'elbD');
    void *p = ExAllocatePoolWithTag(NonPagedPool, 600, 'elbD');
    ExFreePoolWithTag(p, 'elbD');
    ExFreePoolWithTag(p, 'elbD');
    ExFreePoolWithTag(keep, 'elbD');
}

TEST(pool_double_free_parameters_are_the_header_and_the_address)
{
    struct stop s = run_until_stop(free_twice_keeping_the_page, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x07 && s.p[1] == 0 && s.p[3] % 8 == 0 && s.p[3] % 4096 != 0);
    CHECK((s.p[2] >> 25) == 0); /* the header's PoolType (bits 25-31): free */
}

/* A second free of a block whose first free still waits: the same report as when frees are immediate. */
static void free_twice_while_deferring(void *arg)
{
    (void)arg;
    void *p = fill_past_deferral();
    ExFreePoolWithTag(p, 'elbD');
    if (!free_waits(p))
        KeBugCheckEx(0xDEAD, 1, 0, 0, 0);
    ExFreePoolWithTag(p, 'elbD');
}

/* A wrong tag given to a deferred free (the kernel's own: a driver's is never deferred): reported when a
 * later free makes it, with the same parameters. */
static void free_with_wrong_tag_while_deferring(void *arg)
{
    (void)arg;
    void *p = fill_past_deferral();
    ExFreePoolWithTag(p, 'gnrW');
    for (unsigned i = 0; i < POOL_DEFERRED_FREES; i++)
        ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPool, 200 + 8 * i, 'rehO'), 'rehO');
    KeBugCheckEx(0xDEAD, 2, 0, 0, 0); /* never reported */
}

TEST(pool_a_deferred_free_reports_a_double_free_and_a_wrong_tag_as_an_immediate_one)
{
    struct stop s = run_until_stop(free_twice_while_deferring, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x07 && s.p[1] == 0 && s.p[3] % 8 == 0 && s.p[3] % 4096 != 0);
    CHECK((s.p[2] >> 25) == 0 && (s.p[2] >> 16 & 0x1FF) == 1008 / 8); /* free, and the class's size */
    s = run_until_stop(free_with_wrong_tag_while_deferring, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x0A && s.p[1] % 8 == 0 && s.p[2] == 'elbD' && s.p[3] == 'gnrW');
}

static void free_with_wrong_tag(void *arg)
{
    void *p = ExAllocatePoolWithTag(PagedPool, (SIZE_T)arg, 'ebaT');
    ExFreePoolWithTag(p, 'gnrW');
}

TEST(pool_wrong_tag_is_c2_0a_with_both_tags)
{
    SIZE_T sizes[] = { 40, 9000 };
    for (unsigned i = 0; i < 2; i++) {
        struct stop s = run_until_stop(free_with_wrong_tag, (void *)sizes[i]);
        CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x0A && s.p[2] == 'ebaT' && s.p[3] == 'gnrW');
    }
}

static void free_stack_address(void *arg)
{
    (void)arg;
    int local;
    ExFreePool(&local);
}

static void free_middle_of_a_block(void *arg)
{
    uintptr_t offset = (uintptr_t)arg;
    char *p = ExAllocatePoolWithTag(NonPagedPool, offset < 4096 ? 100 : 3 * 4096, 'dliM');
    ExFreePool(p + offset);
}

static void free_address(void *p)
{
    ExFreePool(p);
}

TEST(pool_an_address_that_is_no_pool_block_is_c2_42_family)
{
    struct stop s = run_until_stop(free_stack_address, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x42 && s.p[2] == 0 && s.p[3] == 0);
    s = run_until_stop(free_address, 0); /* NULL: no page ever given back, not a double free */
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x42 && s.p[1] == 0);
    s = run_until_stop(free_address, (void *)0x10);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x42 && s.p[1] == 0x10);
    s = run_until_stop(free_middle_of_a_block, (void *)4);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x46);
    s = run_until_stop(free_middle_of_a_block, (void *)(2 * 4096 - 8)); /* page 2 of a big block */
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x46);
}

struct irql_case {
    KIRQL irql;
    POOL_TYPE type;
    SIZE_T bytes;
    bool free_only;
};

static void at_irql(void *arg)
{
    const struct irql_case *c = arg;
    void *p = c->free_only ? ExAllocatePoolWithTag(c->type, c->bytes, 'lqrI') : 0;
    KIRQL old;
    KeRaiseIrql(c->irql, &old);
    if (c->free_only)
        ExFreePoolWithTag(p, 'lqrI');
    else
        ExAllocatePoolWithTag(c->type, c->bytes, 'lqrI');
    KeLowerIrql(old);
}

TEST(pool_allocating_above_the_pools_irql_is_c2_08)
{
    struct irql_case paged = { DISPATCH_LEVEL, PagedPool, 77, false };
    struct stop s = run_until_stop(at_irql, &paged);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x08);
    CHECK(s.p[1] == DISPATCH_LEVEL && s.p[2] == PagedPool && s.p[3] == 77);
    struct irql_case nonpaged = { DISPATCH_LEVEL + 1, NonPagedPool, 5000, false };
    s = run_until_stop(at_irql, &nonpaged);
    CHECK(s.died && s.p[0] == 0x08 && s.p[1] == DISPATCH_LEVEL + 1 && s.p[2] == NonPagedPool && s.p[3] == 5000);
}

TEST(pool_allowed_irqls_allocate_and_free)
{
    struct irql_case ok[] = { { APC_LEVEL, PagedPool, 50, false }, { DISPATCH_LEVEL, NonPagedPool, 50, false },
                              { APC_LEVEL, PagedPool, 50, true }, { DISPATCH_LEVEL, NonPagedPool, 9000, true } };
    for (unsigned i = 0; i < 4; i++)
        CHECK(!run_until_stop(at_irql, &ok[i]).died);
}

TEST(pool_freeing_above_the_pools_irql_is_c2_09)
{
    struct irql_case paged = { DISPATCH_LEVEL, PagedPool, 64, true };
    struct stop s = run_until_stop(at_irql, &paged);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x09 && s.p[1] == DISPATCH_LEVEL && s.p[2] == PagedPool);
    struct irql_case nonpaged = { HIGH_LEVEL, NonPagedPoolCacheAligned, 9000, true };
    s = run_until_stop(at_irql, &nonpaged);
    CHECK(s.died && s.p[0] == 0x09 && s.p[1] == HIGH_LEVEL && s.p[2] == NonPagedPoolCacheAligned && s.p[3] % 4096 == 0);
}

/* A nonpaged block that is not its page's first: a first block's header can name no size past the
 * page, and any previous size it is given reaches before the page. Where blocks land depends on what
 * the tests before left behind. */
static void *alloc_after_another(SIZE_T bytes, uint32_t tag)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, bytes, tag);
    return page_offset(p) == 64 ? ExAllocatePoolWithTag(NonPagedPool, bytes, tag) : p;
}

enum corruption {
    SIZE_ZERO, SIZE_PAST_PAGE, PREVIOUS_PAST_PAGE, SIZE_GROWN, PREVIOUS_CHANGED, TYPE, FREE_LINK, FREE_HEADER, FREE_SIZE,
    FREE_PREVIOUS, FREE_PREVIOUS_PAST_PAGE,
};

/* a, then b (freed, then handed out again by the next allocation of its size: its page's free list is
 * last in, first out), then x. A corruption of a's header shows when a is freed, one of the free b when
 * it is handed out. */
static void corrupt_then_free(void *arg)
{
    enum corruption c = (enum corruption)(uintptr_t)arg;
    unsigned char *a = alloc_after_another(600, 'proC');
    unsigned char *b = ExAllocatePoolWithTag(NonPagedPool, 600, 'proC');
    unsigned char *x = ExAllocatePoolWithTag(NonPagedPool, 600, 'proC');
    struct pool_header *h = pool_header_of(a);
    switch (c) {
    case SIZE_ZERO: h->block_size = 0; break;
    case SIZE_PAST_PAGE: h->block_size = 511; break;
    case PREVIOUS_PAST_PAGE: h->previous_size = 511; break;
    case SIZE_GROWN: h->block_size += 1; break;
    case PREVIOUS_CHANGED: h->previous_size += 1; break;
    case TYPE: h->pool_type = 4; break; /* DontUseThisType + 1 */
    default:
        ExFreePoolWithTag(b, 'proC'); /* b is free: overwrite its link or header */
        if (c == FREE_LINK)
            ((struct pool_free_link *)b)->next = (struct pool_free_link *)(x + 64);
        else if (c == FREE_HEADER)
            pool_header_of(b)->pool_index = 1;
        else if (c == FREE_SIZE)
            pool_header_of(b)->block_size += 2;
        else
            pool_header_of(b)->previous_size += c == FREE_PREVIOUS ? 1 : 300;
        ExAllocatePoolWithTag(NonPagedPool, 600, 'proC'); /* hands b out again: checks it first */
        break;
    }
    ExFreePoolWithTag(a, 'proC');
}

TEST(pool_header_corruption_is_0x19_with_the_failed_check)
{
    static const struct {
        enum corruption c;
        unsigned long code, p1;
    } cases[] = {
        { SIZE_ZERO, 0x19, 0x8 },        { SIZE_PAST_PAGE, 0x19, 0x9 }, { PREVIOUS_PAST_PAGE, 0x19, 0x6 },
        { SIZE_GROWN, 0x19, 0x7 },       { PREVIOUS_CHANGED, 0x19, 0x5 }, { TYPE, 0xC2, 0x01 },
        { FREE_LINK, 0x19, 0xD },        { FREE_HEADER, 0x19, 0xD },    { FREE_SIZE, 0x19, 0xD },
        { FREE_PREVIOUS, 0x19, 0xD },    { FREE_PREVIOUS_PAST_PAGE, 0x19, 0xD },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct stop s = run_until_stop(corrupt_then_free, (void *)(uintptr_t)cases[i].c);
        CHECK(s.died && s.code == cases[i].code && s.p[0] == cases[i].p1);
        if (!(s.died && s.code == cases[i].code && s.p[0] == cases[i].p1))
            printf("# corruption %u gave 0x%lX/0x%lX\n", (unsigned)cases[i].c, s.code, s.p[0]);
    }
}

/* The parameters of the two most common reports: 0x19/0x5 names the block before (where the class puts
 * it) and the block; 0x19/0x7 the block alone. */
static void previous_changed(void *arg)
{
    unsigned char *a = alloc_after_another(600, 'proC');
    struct pool_header *h = pool_header_of(a);
    if (arg)
        h->block_size += 1;
    else
        h->previous_size += 1;
    ExFreePoolWithTag(a, 'proC');
}

TEST(pool_a_header_that_contradicts_its_page_names_the_blocks)
{
    struct stop s = run_until_stop(previous_changed, 0);
    CHECK(s.died && s.code == 0x19 && s.p[0] == 0x5 && s.p[2] == 0 && s.p[3] - s.p[1] == 672 && s.p[3] % 8 == 0);
    s = run_until_stop(previous_changed, (void *)1);
    CHECK(s.died && s.code == 0x19 && s.p[0] == 0x7 && s.p[1] == 0 && s.p[2] == 0 && s.p[3] % 4096 != 0);
}

static void use_after_free_of_a_free_block(void *arg)
{
    (void)arg;
    void *keep = ExAllocatePoolWithTag(PagedPool, 48, 'fAsU');
    void **p = ExAllocatePoolWithTag(PagedPool, 48, 'fAsU');
    ExFreePoolWithTag(p, 'fAsU');
    *p = (void *)0x1234; /* its free-list link */
    ExAllocatePoolWithTag(PagedPool, 48, 'fAsU');
    ExAllocatePoolWithTag(PagedPool, 48, 'fAsU');
    ExFreePoolWithTag(keep, 'fAsU');
}

TEST(pool_a_broken_free_list_link_is_reported_not_followed)
{
    struct stop s = run_until_stop(use_after_free_of_a_free_block, 0);
    CHECK(s.died && s.code == 0x19 && s.p[0] == 0xD);
}

/* Three blocks of one size on their page's free list (z -> y -> x), then z's link pointed past y at x:
 * a link to a block that is itself sound, which only the link's check word tells from the real one. */
static void free_link_redirected(void *arg)
{
    (void)arg;
    void *keep = ExAllocatePoolWithTag(NonPagedPool, 40, 'kniL');
    void *x = ExAllocatePoolWithTag(NonPagedPool, 40, 'kniL');
    void *y = ExAllocatePoolWithTag(NonPagedPool, 40, 'kniL');
    void **z = ExAllocatePoolWithTag(NonPagedPool, 40, 'kniL');
    ExFreePoolWithTag(x, 'kniL');
    ExFreePoolWithTag(y, 'kniL');
    ExFreePoolWithTag(z, 'kniL');
    *z = x;
    for (unsigned i = 0; i < 3; i++)
        ExAllocatePoolWithTag(NonPagedPool, 40, 'kniL');
    ExFreePoolWithTag(keep, 'kniL');
}

TEST(pool_a_free_list_link_redirected_to_another_free_block_is_0x19_0xd)
{
    struct stop s = run_until_stop(free_link_redirected, 0);
    CHECK(s.died && s.code == 0x19 && s.p[0] == 0xD);
}

/* An underrun of a page's first block reaches the page's record: its first free block, or the check
 * word of its links, is reported (0x19/0x3 with the record) before it is followed. */
static void record_overwritten(void *arg)
{
    unsigned what = (unsigned)(uintptr_t)arg;
    void *blocks[40];
    for (unsigned i = 0; i < 40; i++) /* 1008-byte blocks: pages of four, several of them on the list */
        blocks[i] = ExAllocatePoolWithTag(NonPagedPool, 1000, 'droR');
    for (unsigned i = 0; i < 40; i += 4) /* a free block in every page */
        ExFreePoolWithTag(blocks[i], 'droR');
    pool_trim(); /* out of the class's cache, back to their pages: all on the class's list */
    struct pool_page_record *rec = (struct pool_page_record *)((uintptr_t)blocks[20] & ~(uintptr_t)4095);
    if (what == 0)
        rec->free = (struct pool_free_link *)0x1000; /* outside the page */
    else
        rec->next.check ^= 0x10;
    for (unsigned i = 0; i < 40; i += 4) /* the pages leave the list as they fill: each link is followed */
        ExAllocatePoolWithTag(NonPagedPool, 1000, 'droR');
    ExFreePoolWithTag(blocks[21], 'droR');
}

TEST(pool_a_corrupt_page_record_is_0x19_0x3)
{
    for (uintptr_t what = 0; what < 2; what++) {
        struct stop s = run_until_stop(record_overwritten, (void *)what);
        CHECK(s.died && s.code == 0x19 && s.p[0] == 0x3 && s.p[1] % 4096 == 0);
    }
}

static void free_no_block_start(void *arg)
{
    uintptr_t where = (uintptr_t)arg;
    char *p = ExAllocatePoolWithTag(NonPagedPool, 792, 'trtS'); /* 800-byte blocks, five a page, then 40 */
    uintptr_t page = (uintptr_t)p & ~(uintptr_t)4095;
    ExFreePool((void *)(where == 0 ? page + 8 /* the record */ : page + 64 + 5 * 800 /* the tail */));
}

TEST(pool_the_record_and_the_tail_are_no_block_c2_46)
{
    for (uintptr_t where = 0; where < 2; where++) {
        struct stop s = run_until_stop(free_no_block_start, (void *)where);
        CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x46);
    }
}

/* A small nonpaged block whose header says another type (stored + 1): the fast free must not take it. */
static void small_block_of_another_type(void *arg)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, 40, 'dniK');
    pool_header_of(p)->pool_type = (unsigned)(uintptr_t)arg;
    ExFreePoolWithTag(p, 'dniK');
}

TEST(pool_a_small_block_claiming_a_paged_or_no_type_is_c2_01)
{
    unsigned types[] = { PagedPool + 1, PagedPoolCacheAligned + 1, MaxPoolType + 2 };
    for (unsigned i = 0; i < 3; i++) {
        struct stop s = run_until_stop(small_block_of_another_type, (void *)(uintptr_t)types[i]);
        CHECK(s.died && s.code == BUGCHECK_BAD_POOL_CALLER && s.p[0] == POOL_CALLER_BAD_HEADER);
    }
}

static void exhaust_must_succeed(void *arg)
{
    (void)arg;
    pool_host_set_page_limit(pool_host_pages_in_use());
    for (unsigned i = 0; i <= POOL_RESERVE_PAGES; i++)
        ExAllocatePoolWithTag(NonPagedPoolMustSucceed, 4000, 'tsuM');
}

TEST(pool_must_succeed_past_the_reserve_is_0x41_with_the_size)
{
    struct stop s = run_until_stop(exhaust_must_succeed, 0);
    CHECK(s.died && s.code == BUGCHECK_MUST_SUCCEED_POOL_EMPTY && s.p[0] == 4000 && s.p[1] > 0 && s.p[3] == 0);
}

static void exhaust_with_raise(void *arg)
{
    (void)arg;
    pool_host_set_page_limit(pool_host_pages_in_use());
    ExAllocatePoolWithTag((POOL_TYPE)(NonPagedPool | POOL_RAISE_IF_ALLOCATION_FAILURE), 64 * 4096, 'esiR');
}

/* No SEH: where Windows raises STATUS_INSUFFICIENT_RESOURCES, the bugcheck of that exception unhandled. */
TEST(pool_raise_if_allocation_failure_is_0x1e_with_the_status)
{
    struct stop s = run_until_stop(exhaust_with_raise, 0);
    CHECK(s.died && s.code == BUGCHECK_KMODE_EXCEPTION_NOT_HANDLED && s.p[0] == 0xC000009A && s.p[1] != 0);
    void *p = ExAllocatePoolWithTag((POOL_TYPE)(NonPagedPool | POOL_RAISE_IF_ALLOCATION_FAILURE), 64, 'esiR');
    CHECK(p != 0); /* a request that can be met is just that */
    ExFreePoolWithTag(p, 'esiR');
}

/* The host's IRQL keeps the kernel's 0x09: a raise below the current level, p4 the caller. */
static void raise_below(void *arg)
{
    (void)arg;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeRaiseIrql(APC_LEVEL, &old);
}

TEST(pool_host_raise_below_the_current_level_is_09_with_the_caller)
{
    struct stop s = run_until_stop(raise_below, 0);
    CHECK(s.died && s.code == 0x09 && s.p[0] == APC_LEVEL && s.p[1] == DISPATCH_LEVEL);
    /* p4 lies in raise_below's code, not in the host's IRQL file */
    CHECK(s.p[3] > (uintptr_t)raise_below && s.p[3] < (uintptr_t)raise_below + 512);
}
