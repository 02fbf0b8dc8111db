/* The pool's and the memory manager's locks: a timer DPC that allocates and frees every clock tick
 * (nonpaged pool, a lookaside list shared with passive code; or the memory manager's pages), while
 * passive code does the same with both pools (or with pageable pages it touches). Without the locks
 * the DPC lands inside the pool's free lists, the tag table or the frame lists and ends in a bugcheck
 * or in counters that no longer add up: for the pool, 2 runs in 3 without its locks (checked by hand).
 * The memory manager's race did not fail in 3 runs without its lock (its windows are a few
 * instructions long); it stays as a check that nothing is lost when DPCs take pages. */
#include "kernel/irql.h"
#include "kernel/ktest.h"
#include "kernel/wdm.h"
#include "mm/mm.h"
#include "mm/pool_pages.h"
#include "pool/pool.h"

#define DPC_TAG 'cpDL'      /* "LDpc" */
#define PASSIVE_TAG 'ssPL'  /* "LPss" */
#define LOOKASIDE_TAG 'kLLL' /* "LLLk" */
#define PASSIVE_SLOTS 64
#define DPC_SLOTS 16
#define DPC_RUNS_WANTED 200

static struct {
    KTIMER timer;
    KDPC dpc;
    NPAGED_LOOKASIDE_LIST lookaside;
    void (*dpc_work)(void);  /* what each DPC run does */
    void *blocks[DPC_SLOTS]; /* the DPC's pool blocks or pages, freed on its next run */
    void *entry;             /* the DPC's lookaside entry, likewise */
    volatile bool in_call; /* passive code is inside a pool call */
    volatile bool stop;
    volatile unsigned runs, runs_inside_a_call, rounds;
    uint32_t rng;
} race;

static uint32_t next_random(void)
{
    race.rng ^= race.rng << 13;
    race.rng ^= race.rng >> 17;
    race.rng ^= race.rng << 5;
    return race.rng;
}

/* Few sizes, so that the DPC and passive code meet on the same lookasides, free lists and pages:
 * lookaside sizes, split and merged sizes, whole pages. */
static SIZE_T random_size(void)
{
    static const SIZE_T sizes[] = { 48, 600, 600, 2000, 6000 };
    return sizes[next_random() % (sizeof(sizes) / sizeof(sizes[0]))];
}

static void arm(void)
{
    KeSetTimer(&race.timer, (LARGE_INTEGER){ .QuadPart = -1 }, &race.dpc); /* the next tick */
}

static void dpc_pool_work(void)
{
    for (unsigned i = 0; i < DPC_SLOTS; i++) {
        if (race.blocks[i])
            ExFreePoolWithTag(race.blocks[i], DPC_TAG);
        race.blocks[i] = race.stop ? 0 : ExAllocatePoolWithTag(NonPagedPool, random_size(), DPC_TAG);
    }
    if (race.entry)
        ExFreeToNPagedLookasideList(&race.lookaside, race.entry);
    race.entry = race.stop ? 0 : ExAllocateFromNPagedLookasideList(&race.lookaside);
}

/* Pages of 1 to 3 pages in slot i: resident ones from a DPC. */
static size_t pages_in_slot(unsigned i)
{
    return 1 + i % 3;
}

static void dpc_mm_work(void)
{
    for (unsigned i = 0; i < DPC_SLOTS; i++) {
        if (race.blocks[i])
            pool_pages_free(race.blocks[i], pages_in_slot(i));
        race.blocks[i] = race.stop ? 0 : pool_pages_alloc(pages_in_slot(i), false);
    }
}

static VOID NTAPI racing_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    race.runs_inside_a_call += race.in_call;
    race.dpc_work();
    race.runs++;
    if (!race.stop)
        arm();
}

/* Starts the DPC on work, runs passive rounds on slots until it has run DPC_RUNS_WANTED times, stops
 * it (its last run frees what it holds), then runs round on every slot still in use to free it. */
static void race_with_dpc(struct ktest *t, void (*work)(void), void (*round)(void **, unsigned), void **slots)
{
    race.rng = 0x2545F491u;
    race.runs = race.runs_inside_a_call = race.rounds = 0;
    race.stop = false;
    race.dpc_work = work;
    KeInitializeTimer(&race.timer);
    KeInitializeDpc(&race.dpc, racing_dpc, 0);
    arm();
    while (race.runs < DPC_RUNS_WANTED)
        round(slots, next_random() % PASSIVE_SLOTS);
    race.stop = true;
    unsigned runs = race.runs;
    KT_EXPECT(t, ktest_wait(&race.runs, runs + 1, 10));
    KeCancelTimer(&race.timer);
    KT_EXPECT(t, race.runs_inside_a_call > 0); /* the DPC did come in while passive code was in a call */
    KT_EXPECT(t, race.rounds > 1000);
}

/* One passive pool call on slot s: frees what is there, else allocates from either pool. */
static void passive_round(void **slots, unsigned s)
{
    race.in_call = true;
    if (slots[s]) {
        if (s % 4 == 3)
            ExFreeToNPagedLookasideList(&race.lookaside, slots[s]);
        else
            ExFreePoolWithTag(slots[s], PASSIVE_TAG);
        slots[s] = 0;
    } else if (s % 4 == 3) {
        slots[s] = ExAllocateFromNPagedLookasideList(&race.lookaside);
    } else {
        slots[s] = ExAllocatePoolWithTag(s % 2 ? NonPagedPool : PagedPool, random_size(), PASSIVE_TAG);
    }
    race.in_call = false;
    race.rounds++;
}

static struct tag_counters counters(uint32_t tag, enum pool_kind kind)
{
    struct tag_entry e;
    return tagtab_find(tag, &e) ? e.pool[kind] : (struct tag_counters){ 0 };
}

static void count_block(void *ctx, const struct pool_block_info *b)
{
    (*(unsigned *)ctx)++;
    (void)b;
}

static void a_dpc_and_passive_code_share_the_pool(struct ktest *t)
{
    void *slots[PASSIVE_SLOTS] = { 0 };
    struct pool_stats before, after;
    pool_trim();
    pool_get_stats(&before);
    ExInitializeNPagedLookasideList(&race.lookaside, 0, 0, 0, 48, LOOKASIDE_TAG, 0);
    race_with_dpc(t, dpc_pool_work, passive_round, slots);
    unsigned blocks = 0;
    pool_walk_all(count_block, &blocks); /* every page still walks from end to end */
    KT_EXPECT(t, blocks >= PASSIVE_SLOTS / 4);
    for (unsigned s = 0; s < PASSIVE_SLOTS; s++)
        if (slots[s])
            passive_round(slots, s);
    ExDeleteNPagedLookasideList(&race.lookaside);
    pool_trim();
    pool_get_stats(&after);

    for (unsigned k = 0; k < POOL_KINDS; k++) {
        struct tag_counters d = counters(DPC_TAG, k), p = counters(PASSIVE_TAG, k),
                            l = counters(LOOKASIDE_TAG, k);
        KT_EXPECT(t, d.allocs == d.frees && d.bytes == 0);
        KT_EXPECT(t, p.allocs == p.frees && p.bytes == 0);
        KT_EXPECT(t, l.allocs == l.frees && l.bytes == 0);
    }
    KT_EXPECT(t, counters(DPC_TAG, POOL_KIND_NONPAGED).allocs >= DPC_RUNS_WANTED);
    for (unsigned k = 0; k < POOL_KINDS; k++) /* every page the test took went back: no block was lost */
        KT_EXPECT(t, after.small_pages[k] == before.small_pages[k] && after.big_pages[k] == before.big_pages[k]);
}

/* One passive memory manager call on slot s: frees its pages, else takes pageable or resident ones and
 * writes to each (a demand-zero fault for the pageable ones). */
static void passive_mm_round(void **slots, unsigned s)
{
    size_t n = pages_in_slot(s);
    race.in_call = true;
    if (slots[s]) {
        pool_pages_free(slots[s], n);
        slots[s] = 0;
    } else if ((slots[s] = pool_pages_alloc(n, s % 2)) != 0) {
        for (size_t i = 0; i < n; i++)
            ((volatile char *)slots[s])[i * 4096] = (char)s;
    }
    race.in_call = false;
    race.rounds++;
}

static void a_dpc_and_passive_code_share_the_memory_manager(struct ktest *t)
{
    void *slots[PASSIVE_SLOTS] = { 0 };
    struct mm_info before, after;
    mm_query(&before);
    race_with_dpc(t, dpc_mm_work, passive_mm_round, slots);
    for (unsigned s = 0; s < PASSIVE_SLOTS; s++)
        if (slots[s])
            passive_mm_round(slots, s);
    mm_query(&after);
    KT_EXPECT(t, after.commit == before.commit); /* every page charged went back */
    KT_EXPECT(t, after.frames_free + after.frames_active + after.frames_standby + after.frames_modified +
                         after.frames_kernel ==
                     before.frames_free + before.frames_active + before.frames_standby + before.frames_modified +
                         before.frames_kernel); /* no frame fell off the lists */
}

/* Driver Verifier's IRQL checking trims on drivers' raises; the pool's own lock must not trim, or every
 * allocation would page everything out. */
static void the_irql_checker_leaves_the_pool_lock_alone(struct ktest *t)
{
    struct mm_info before, after;
    char *paged = ExAllocatePoolWithTag(PagedPool, 64, PASSIVE_TAG);
    *(volatile char *)paged = 1; /* something resident to trim */
    irql_set_checking(true);
    mm_query(&before);
    KT_EXPECT(t, before.ws_pages > 0);
    for (unsigned i = 0; i < 16; i++)
        ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPool, 100, PASSIVE_TAG), PASSIVE_TAG);
    mm_query(&after);
    KT_EXPECT(t, after.trimmed == before.trimmed && after.ws_pages == before.ws_pages);
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* a driver's raise still trims */
    KeLowerIrql(old);
    irql_set_checking(false);
    mm_query(&after);
    KT_EXPECT(t, after.ws_pages == 0);
    ExFreePoolWithTag(paged, PASSIVE_TAG);
}

static const struct ktest_case pool_locks_cases[] = {
    { "a_dpc_and_passive_code_share_the_pool", a_dpc_and_passive_code_share_the_pool },
    { "a_dpc_and_passive_code_share_the_memory_manager", a_dpc_and_passive_code_share_the_memory_manager },
    { "the_irql_checker_leaves_the_pool_lock_alone", the_irql_checker_leaves_the_pool_lock_alone },
};
KTEST_SUITE(pool_locks_suite, "pool_locks", pool_locks_cases);
