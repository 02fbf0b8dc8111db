/* Driver Verifier on the host: special pool placement and its free-time checks, low-resources
 * simulation (what it does per driver and per image: test_verifier_images.c). Each test turns its
 * switches off again. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kernel/bugcheck.h"
#include "mm/special_pages.h"
#include "pool/special_pool.h"
#include "pool/verifier.h"
#include "tests/host/death.h"
#include "tests/host/pool_test_util.h"
#include "tests/host/unit.h"

TEST(verifier_special_pool_puts_the_block_at_the_end_of_its_own_page)
{
    CHECK(verifier_set_special_tag('lpsS', true));
    SIZE_T sizes[] = { 1, 36, 40, 100, 4000 };
    for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *p = ExAllocatePoolWithTag(NonPagedPool, sizes[i], 'lpsS');
        CHECK(p && special_pages_contains(p) && (uintptr_t)p % 8 == 0);
        CHECK(page_offset(p) + sizes[i] <= POOL_PAGE && page_offset(p) + sizes[i] + 8 > POOL_PAGE);
        CHECK(p[-1] == SPECIAL_POOL_FILL && (page_offset(p) + sizes[i] == POOL_PAGE || p[sizes[i]] == SPECIAL_POOL_FILL));
        ExFreePoolWithTag(p, 'lpsS');
    }
    void *line = ExAllocatePoolWithTag(PagedPoolCacheAligned, 100, 'lpsS');
    CHECK(special_pages_contains(line) && (uintptr_t)line % 64 == 0);
    ExFreePool(line);
    /* The largest blocks that fit beside the header, and one byte more (the normal pool takes those). */
    POOL_TYPE types[] = { NonPagedPool, NonPagedPoolCacheAligned };
    SIZE_T largest[] = { 4072, 4016 };
    for (unsigned i = 0; i < 2; i++)
        for (SIZE_T extra = 0; extra < 2; extra++) {
            void *b = ExAllocatePoolWithTag(types[i], largest[i] + extra, 'lpsS');
            CHECK(b && special_pages_contains(b) == !extra);
            ExFreePool(b);
        }
    void *other = ExAllocatePoolWithTag(NonPagedPool, 40, 'rhtO');
    CHECK(other && !special_pages_contains(other));
    ExFreePool(other);
    CHECK(tag_counts('lpsS', POOL_KIND_NONPAGED).bytes == 0 && tag_counts('lpsS', POOL_KIND_NONPAGED).allocs == 9);
    verifier_clear_special_tags();
    void *after = ExAllocatePoolWithTag(NonPagedPool, 40, 'lpsS');
    CHECK(after && !special_pages_contains(after));
    ExFreePool(after);
    CHECK(!verifier_active);
}

struct special_seen {
    const void *a, *b;
    unsigned hits, others;
};

static void note_special(void *ctx, const struct pool_block_info *block)
{
    struct special_seen *seen = ctx;
    if (!block->special)
        return;
    bool a = block->header == (uintptr_t)seen->a && block->bytes == 36 && block->kind == POOL_KIND_NONPAGED;
    bool b = block->header == (uintptr_t)seen->b && block->bytes == 100 && block->kind == POOL_KIND_PAGED;
    if ((a || b) && block->tag == 'kWpS' && block->allocated)
        seen->hits++;
    else
        seen->others++;
}

TEST(verifier_special_pool_blocks_show_in_the_pool_walks)
{
    CHECK(verifier_set_special_tag('kWpS', true));
    struct special_seen seen = { ExAllocatePoolWithTag(NonPagedPool, 36, 'kWpS'),
                                 ExAllocatePoolWithTag(PagedPool, 100, 'kWpS'), 0, 0 };
    pool_walk_all(note_special, &seen);
    CHECK(seen.hits == 2 && seen.others == 0);
    seen.hits = 0;
    CHECK(pool_walk_page((const char *)seen.a + 3, note_special, &seen) && seen.hits == 1);
    ExFreePoolWithTag((void *)seen.a, 'kWpS');
    seen.hits = 0;
    CHECK(!pool_walk_page(seen.a, note_special, &seen) && seen.hits == 0);
    pool_walk_all(note_special, &seen);
    CHECK(seen.hits == 1 && seen.others == 0);
    ExFreePoolWithTag((void *)seen.b, 'kWpS');
    verifier_clear_special_tags();
}

static void write_and_free(void *arg)
{
    intptr_t at = (intptr_t)arg;
    verifier_set_special_tag('lpsS', true);
    char *p = ExAllocatePoolWithTag(NonPagedPool, 36, 'lpsS');
    p[at] = 0;
    ExFreePool(p);
}

TEST(verifier_special_pool_checks_the_fill_around_the_block_on_free)
{
    struct stop s = run_until_stop(write_and_free, (void *)(intptr_t)37); /* slack after the block */
    CHECK(s.died && s.code == BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION && s.p[3] == SPECIAL_POOL_AFTER_BLOCK);
    CHECK(s.p[1] == s.p[0] + 37);
    s = run_until_stop(write_and_free, (void *)(intptr_t)-1); /* before it */
    CHECK(s.died && s.code == 0xC1 && s.p[3] == SPECIAL_POOL_BEFORE_BLOCK && s.p[1] == s.p[0] - 1);
    s = run_until_stop(write_and_free, (void *)(intptr_t)-4000); /* the header */
    CHECK(s.died && s.code == 0xC1 && s.p[3] == SPECIAL_POOL_BEFORE_BLOCK);
}

static void free_inside(void *arg)
{
    verifier_set_special_tag('lpsS', true);
    char *p = ExAllocatePoolWithTag(NonPagedPool, 64, 'lpsS');
    ExFreePool(p + (uintptr_t)arg);
}

static void free_with_wrong_tag(void *arg)
{
    (void)arg;
    verifier_set_special_tag('lpsS', true);
    ExFreePoolWithTag(ExAllocatePoolWithTag(PagedPool, 64, 'lpsS'), 'gnrW');
}

static void free_twice(void *arg)
{
    verifier_set_special_tag('lpsS', true);
    char *p = ExAllocatePoolWithTag(NonPagedPool, 64, 'lpsS');
    ExFreePool(p);
    for (uintptr_t i = 0; i < (uintptr_t)arg; i++) /* the ring of retired pages turns past p's page */
        ExFreePool(ExAllocatePoolWithTag(NonPagedPool, 64, 'lpsS'));
    ExFreePool(p);
}

TEST(verifier_special_pool_bad_address_and_wrong_tag)
{
    struct stop twice = run_until_stop(free_twice, 0);
    CHECK(twice.died && twice.code == 0xC1 && twice.p[3] == SPECIAL_POOL_NOT_ALLOCATED && twice.p[1] == 0);
    twice = run_until_stop(free_twice, (void *)(uintptr_t)(SPECIAL_POOL_RETIRED + 1));
    CHECK(twice.died && twice.code == 0xC1 && twice.p[3] == SPECIAL_POOL_NOT_ALLOCATED);
    struct stop s = run_until_stop(free_inside, (void *)8);
    CHECK(s.died && s.code == 0xC1 && s.p[3] == SPECIAL_POOL_BAD_ADDRESS && s.p[1] == 64);
    s = run_until_stop(free_inside, (void *)64); /* the guard page after it */
    CHECK(s.died && s.code == 0xC1 && s.p[3] == SPECIAL_POOL_NOT_ALLOCATED);
    s = run_until_stop(free_with_wrong_tag, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x0A && s.p[2] == 'lpsS' && s.p[3] == 'gnrW');
}

static void touch_after_free(void *arg)
{
    verifier_set_special_tag('lpsS', true);
    char *p = ExAllocatePoolWithTag(NonPagedPool, 40, 'lpsS');
    if (arg)
        ExFreePool(p);
    ((volatile char *)p)[arg ? 0 : 40] = 1;
}

TEST(verifier_special_pool_overrun_and_use_after_free_fault_at_once)
{
    /* On the host the guard and retired pages are PROT_NONE: the kernel makes the same faults 0xCD / 0xCC. */
    for (intptr_t freed = 0; freed < 2; freed++) {
        pid_t pid = fork();
        if (pid == 0) {
            signal(SIGSEGV, SIG_DFL);
            touch_after_free((void *)freed);
            _exit(0);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
    }
}

/* The number of failures among n NonPagedPool allocations of 16 bytes. */
static unsigned failures(unsigned n, POOL_TYPE type)
{
    unsigned failed = 0;
    for (unsigned i = 0; i < n; i++) {
        void *p = ExAllocatePoolWithTag(type, 16, 'woLR');
        failed += !p;
        if (p)
            ExFreePool(p);
    }
    return failed;
}

TEST(verifier_low_resources_fails_the_chosen_share_and_repeats)
{
    verifier_set_low_resources(25, 7);
    unsigned first = failures(1000, NonPagedPool);
    verifier_set_low_resources(25, 7);
    CHECK(failures(1000, NonPagedPool) == first);
    CHECK(first > 200 && first < 300);
    verifier_set_low_resources(100, 7);
    CHECK(failures(50, PagedPool) == 50 && failures(50, NonPagedPoolMustSucceed) == 0);
    verifier_set_low_resources(0, 0);
    CHECK(failures(50, PagedPool) == 0 && !verifier_active);
}
