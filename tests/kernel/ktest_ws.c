/* The working set's replacement policy in the running kernel: pages evicted in their test period are
 * remembered, freeing them makes the policy forget them (page_backing_release), and its tables are
 * mapped as the set grows. */
#include "kernel/ktest.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pool_pages.h"
#include "mm/working_set.h"
#include "mm/ws_policy.h"

#define PAGES 12

static void freed_pages_leave_the_history(struct ktest *t)
{
    volatile uint8_t *p = pool_pages_alloc(PAGES, true);
    KT_EXPECT(t, p != 0);
    if (!p)
        return;
    mm_trim_all();
    uint32_t old_limit = mm_set_ws_limit(4), remembered = 0;
    for (unsigned round = 0; round < 3; round++)
        for (unsigned i = 0; i < PAGES; i++)
            p[i * PAGE_SIZE] = (uint8_t)i;
    for (unsigned i = 0; i < PAGES; i++)
        remembered += ws_remembers((uint32_t)(p + i * PAGE_SIZE));
    KT_EXPECT(t, remembered > 0); /* a loop of 12 pages in 4 frames: cold pages go in their test period */
    mm_trim_all();
    pool_pages_free((void *)p, PAGES);
    for (unsigned i = 0; i < PAGES; i++)
        KT_EXPECT(t, !ws_remembers((uint32_t)(p + i * PAGE_SIZE)));
    mm_set_ws_limit(old_limit); /* after the check: a new limit on the emptied set forgets everything */
}

/* The policy's tables are mapped as the set grows: a few steps of pages in, more of them are mapped,
 * and every page keeps what was written to it. */
static void policy_storage_grows_with_the_set(struct ktest *t)
{
    const uint32_t n = 3 * WS_GROW_STEP;
    uint32_t before = ws_storage_pages();
    volatile uint32_t *p = pool_pages_alloc(n, true);
    KT_EXPECT(t, p != 0 && ws_limit() > n);
    if (!p)
        return;
    for (uint32_t i = 0; i < n; i++)
        p[i * (PAGE_SIZE / 4)] = i;
    KT_EXPECT(t, ws_storage_pages() > before && ws_count() > 2 * WS_GROW_STEP);
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < n; i++)
        wrong += p[i * (PAGE_SIZE / 4)] != i;
    KT_EXPECT(t, wrong == 0);
    pool_pages_free((void *)p, n);
}

static const struct ktest_case ws_cases[] = {
    { "freed_pages_leave_the_history", freed_pages_leave_the_history },
    { "policy_storage_grows_with_the_set", policy_storage_grows_with_the_set },
};
KTEST_SUITE(ws_suite, "ws", ws_cases);
