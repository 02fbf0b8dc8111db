/* The pool's and the memory manager's locks: a timer DPC that allocates and frees nonpaged pool (small
 * blocks, whole pages and a lookaside list shared with passive code) every clock tick, while passive
 * code does the same with both pools. Without the locks the DPC lands inside the pool's free lists,
 * the tag table or the frame lists and ends in a bugcheck or in counters that no longer add up. */
#include "../../kernel/irql.h"
#include "../../kernel/console.h"
#include "../../kernel/ktest.h"
#include "../../kernel/wdm.h"
#include "../../mm/mm.h"
#include "../../mm/pool.h"

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
    void *blocks[DPC_SLOTS]; /* the DPC's pool blocks, freed on its next run */
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

static VOID racing_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    race.runs_inside_a_call += race.in_call;
    for (unsigned i = 0; i < DPC_SLOTS; i++) {
        if (race.blocks[i])
            ExFreePoolWithTag(race.blocks[i], DPC_TAG);
        race.blocks[i] = race.stop ? 0 : ExAllocatePoolWithTag(NonPagedPool, random_size(), DPC_TAG);
    }
    if (race.entry)
        ExFreeToNPagedLookasideList(&race.lookaside, race.entry);
    race.entry = race.stop ? 0 : ExAllocateFromNPagedLookasideList(&race.lookaside);
    race.runs++;
    if (!race.stop)
        arm();
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
    const struct tag_entry *e = tagtab_find(tag);
    return e ? e->pool[kind] : (struct tag_counters){ 0 };
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
    race.rng = 0x2545F491u;
    race.runs = race.runs_inside_a_call = race.rounds = 0;
    race.stop = false;
    ExInitializeNPagedLookasideList(&race.lookaside, 0, 0, 0, 48, LOOKASIDE_TAG, 0);
    KeInitializeTimer(&race.timer);
    KeInitializeDpc(&race.dpc, racing_dpc, 0);
    arm();
    while (race.runs < DPC_RUNS_WANTED)
        passive_round(slots, next_random() % PASSIVE_SLOTS);
    race.stop = true;
    unsigned runs = race.runs;
    KT_EXPECT(t, ktest_wait(&race.runs, runs + 1, 10)); /* the last run, which frees and stops */
    KeCancelTimer(&race.timer);
    unsigned blocks = 0;
    pool_walk_all(count_block, &blocks); /* every page still walks from end to end */
    KT_EXPECT(t, blocks >= PASSIVE_SLOTS / 4);
    for (unsigned s = 0; s < PASSIVE_SLOTS; s++)
        if (slots[s])
            passive_round(slots, s);
    ExDeleteNPagedLookasideList(&race.lookaside);
    pool_trim();
    pool_get_stats(&after);

    KT_EXPECT(t, race.runs_inside_a_call > 0); /* the DPC did come in while passive code was in the pool */
    kprintf("    # %u of %u DPC runs came in while passive code was inside a pool call\n", race.runs_inside_a_call, race.runs);
    KT_EXPECT(t, race.rounds > 1000);
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
    { "the_irql_checker_leaves_the_pool_lock_alone", the_irql_checker_leaves_the_pool_lock_alone },
};
KTEST_SUITE(pool_locks_suite, "pool_locks", pool_locks_cases);
