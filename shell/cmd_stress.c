/* Reliability: stress (a seeded soak of the pools and the pager with every block verified) and
 * faultinject (paging-file I/O failures, mm/fault_inject.h). */
#include "shell/cmd_stress.h"

#include "hal/cpu.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "mm/fault_inject.h"
#include "mm/mm.h"
#include "pool/pool.h"
#include "shell/args.h"
#include "shell/ctrl_c.h"

/* A tag from its four characters as poolmon shows them. */
#define TAG(a, b, c, d) ((ULONG)(a) | (ULONG)(b) << 8 | (ULONG)(c) << 16 | (ULONG)(d) << 24)

static const ULONG stress_tags[] = { TAG('S', 'x', 'A', 'a'), TAG('S', 'x', 'B', 'b'), TAG('S', 'x', 'C', 'c'),
                                     TAG('S', 'x', 'D', 'd') };
#define DPC_TAG TAG('S', 'x', 'D', 'p')
#define STRESS_TAGS (sizeof(stress_tags) / sizeof(stress_tags[0]))

/* Every type but the must-succeed ones, which stop the machine (0x41) instead of returning NULL. */
static const POOL_TYPE stress_types[] = { NonPagedPool, PagedPool, NonPagedPoolCacheAligned, PagedPoolCacheAligned,
                                          NonPagedPoolNx, NonPagedPoolNxCacheAligned };
#define STRESS_TYPES (sizeof(stress_types) / sizeof(stress_types[0]))

#define SLOTS 256
#define BIG_SLOTS 4         /* the last slots hold big paged blocks: the pressure that makes paging */
#define PROGRESS_SECONDS 5  /* a progress line this often */
#define POLL_OPS 16         /* clock and Ctrl-C looked at every so many operations */

struct block {
    uint8_t *p;
    uint32_t bytes;
    ULONG tag;
};

struct mismatch {
    bool found;
    uint32_t address, expected, found_value, block, bytes;
    ULONG tag;
};

/* xorshift32: the same seed gives the same operations. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* The word at byte offset i of a block: bound to the block's address and tag, so a block written over
 * by another, or moved, shows. */
static uint32_t pattern_word(uint32_t base, ULONG tag, uint32_t i)
{
    return (base ^ tag) * 2654435761u + i * 0x9E3779B9u + (i >> 12);
}

static void fill(const struct block *b)
{
    uint32_t base = (uint32_t)b->p, words = b->bytes / 4;
    volatile uint32_t *w = (volatile uint32_t *)b->p;
    for (uint32_t i = 0; i < words; i++)
        w[i] = pattern_word(base, b->tag, i * 4);
    for (uint32_t i = words * 4; i < b->bytes; i++)
        ((volatile uint8_t *)b->p)[i] = (uint8_t)pattern_word(base, b->tag, i);
}

/* True if the block still holds its pattern; else the first difference goes to *m (if none is there). */
static bool verify(const struct block *b, struct mismatch *m)
{
    uint32_t base = (uint32_t)b->p, words = b->bytes / 4;
    const volatile uint32_t *w = (const volatile uint32_t *)b->p;
    uint32_t at = 0, want = 0, got = 0;
    bool ok = true;
    for (uint32_t i = 0; i < words && ok; i++)
        if (w[i] != pattern_word(base, b->tag, i * 4))
            ok = false, at = i * 4, want = pattern_word(base, b->tag, i * 4), got = w[i];
    for (uint32_t i = words * 4; i < b->bytes && ok; i++)
        if (((const volatile uint8_t *)b->p)[i] != (uint8_t)pattern_word(base, b->tag, i))
            ok = false, at = i, want = (uint8_t)pattern_word(base, b->tag, i), got = ((const volatile uint8_t *)b->p)[i];
    if (!ok && !m->found)
        *m = (struct mismatch){ true, base + at, want, got, base, b->bytes, b->tag };
    return ok;
}

/* The timer's side: each tick its DPC verifies and frees the block of the tick before, allocates a new
 * nonpaged one and sets the timer again, until stopping. */
static struct {
    KTIMER timer;
    KDPC dpc;
    volatile bool stopping;
    struct block held;
    uint32_t random;
    volatile uint32_t ticks, verified, nulls;
    struct mismatch bad;
} tick;

#define TICK_100NS ((LONGLONG)CLOCK_TICK_100NS)

static void tick_arm(void)
{
    LARGE_INTEGER due;
    due.QuadPart = -TICK_100NS; /* relative: the next tick */
    KeSetTimer(&tick.timer, due, &tick.dpc);
}

static VOID NTAPI tick_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)context, (void)arg1, (void)arg2;
    if (tick.stopping)
        return;
    tick.ticks++;
    if (tick.held.p) {
        if (verify(&tick.held, &tick.bad))
            tick.verified++;
        ExFreePoolWithTag(tick.held.p, DPC_TAG);
        tick.held.p = 0;
    }
    uint32_t bytes = 1 + next_random(&tick.random) % 2048;
    tick.held = (struct block){ ExAllocatePoolWithTag(NonPagedPool, bytes, DPC_TAG), bytes, DPC_TAG };
    if (tick.held.p)
        fill(&tick.held);
    else
        tick.nulls++;
    tick_arm();
}

static void tick_start(uint32_t seed)
{
    memset(&tick, 0, sizeof(tick));
    tick.random = seed * 7 + 1;
    KeInitializeTimer(&tick.timer);
    KeInitializeDpc(&tick.dpc, tick_dpc, NULL);
    tick_arm();
}

/* Stops the timer for good, whatever point it is at, and gives back its block. Below DISPATCH_LEVEL
 * (stress refuses to run higher) a queued DPC would have run already; removing it is belt and braces. */
static void tick_stop(void)
{
    tick.stopping = true;
    KeCancelTimer(&tick.timer);
    KeRemoveQueueDpc(&tick.dpc);
    if (tick.held.p) {
        if (verify(&tick.held, &tick.bad))
            tick.verified++;
        ExFreePoolWithTag(tick.held.p, DPC_TAG);
        tick.held.p = 0;
    }
}

struct stress_run {
    uint32_t random;
    struct block slots[SLOTS];
    uint32_t ops, verified, allocs, frees, nulls, trims, pageout_calls;
    struct mismatch bad;
};

static struct stress_run run; /* 3 KiB: off the stack */

/* A size: mostly small blocks, some of a page or more, and in the big slots 64 KiB to 1 MiB. Draws
 * the same random numbers whatever it returns, so the sequence never depends on memory. */
static uint32_t pick_size(uint32_t slot)
{
    uint32_t kind = next_random(&run.random) % 100, r = next_random(&run.random);
    if (slot >= SLOTS - BIG_SLOTS)
        return (64u << 10) + r % (960u << 10);
    if (kind < 60)
        return 1 + r % 256;
    if (kind < 85)
        return 257 + r % (4096 - 256);
    return 4097 + r % (7 * 4096);
}

static void free_slot(struct block *b)
{
    if (verify(b, &run.bad))
        run.verified++;
    ExFreePoolWithTag(b->p, b->tag);
    b->p = 0;
    run.frees++;
}

/* One operation, drawn from the generator: a page-out, a trim, a verify of a live block, or an
 * allocation or free in a random slot. */
static void one_op(void)
{
    uint32_t what = next_random(&run.random) % 1000, slot = next_random(&run.random) % SLOTS;
    uint32_t type_pick = next_random(&run.random), tag_pick = next_random(&run.random);
    struct block *b = &run.slots[slot];
    run.ops++;
    if (what < 2) {
        mm_page_out_all();
        run.pageout_calls++;
    } else if (what < 8) {
        mm_trim_all();
        run.trims++;
    } else if (what < 100 && b->p) {
        if (verify(b, &run.bad))
            run.verified++;
    } else if (b->p) {
        free_slot(b);
    } else {
        uint32_t bytes = pick_size(slot);
        POOL_TYPE type = slot >= SLOTS - BIG_SLOTS ? PagedPool : stress_types[type_pick % STRESS_TYPES];
        ULONG tag = stress_tags[tag_pick % STRESS_TAGS];
        *b = (struct block){ ExAllocatePoolWithTag(type, bytes, tag), bytes, tag };
        if (!b->p) {
            run.nulls++; /* memory exhausted is an answer, not a failure */
            return;
        }
        run.allocs++;
        fill(b);
    }
}

/* Allocations less frees of the stress tags in both pools, as poolmon counts them. */
static uint32_t stress_tags_live(void)
{
    size_t cursor = 0;
    struct tag_entry t;
    uint32_t live = 0;
    while (tagtab_next(&cursor, &t)) {
        bool ours = t.key.key == DPC_TAG;
        for (unsigned i = 0; i < STRESS_TAGS; i++)
            ours |= t.key.key == stress_tags[i];
        for (unsigned k = 0; ours && k < POOL_KINDS; k++)
            live += t.pool[k].allocs - t.pool[k].frees;
    }
    return live;
}

static void progress(uint32_t seconds, const struct mm_info *start)
{
    struct mm_info m;
    mm_query(&m);
    kprintf("stress: %u s ops=%u verified=%u null=%u dpc_ticks=%u pageouts=%u pageins=%u pageout_errors=%u\n",
            seconds, run.ops, run.verified + tick.verified, run.nulls + tick.nulls, tick.ticks,
            m.pageouts - start->pageouts, m.pageins - start->pageins, m.pageout_errors - start->pageout_errors);
}

int cmd_stress(int argc, char **argv)
{
    uint32_t seconds, seed = 1;
    if (!args_u32("stress", argv[1], 1, 86400, &seconds) || (argc == 3 && !args_u32("stress", argv[2], 0, UINT32_MAX, &seed)))
        return -1;
    if (KeGetCurrentIrql() > APC_LEVEL) {
        console_error("stress: refused at IRQL %u (%s): it uses paged pool (APC_LEVEL at most)",
                      KeGetCurrentIrql(), irql_name(KeGetCurrentIrql()));
        return -1;
    }
    memset(&run, 0, sizeof(run));
    run.random = seed ? seed : 1;
    struct mm_info start, end;
    const struct fault_inject_stats *inj = fault_inject_stats();
    uint32_t writes_failed = inj->writes_failed;
    mm_query(&start);
    kprintf("stress: %u s, seed %u (Ctrl-C stops)\n", seconds, seed);
    tick_start(seed);
    uint64_t t0 = clock_ticks(), until = t0 + (uint64_t)seconds * CLOCK_HZ, next_progress = t0 + PROGRESS_SECONDS * CLOCK_HZ;
    bool interrupted = false;
    while (!run.bad.found && !tick.bad.found) {
        one_op();
        if (run.ops % POLL_OPS)
            continue;
        uint64_t now = clock_ticks();
        if ((interrupted = ctrl_c_requested()) || now >= until)
            break;
        if (now >= next_progress) {
            progress((uint32_t)((now - t0) / CLOCK_HZ), &start);
            next_progress += PROGRESS_SECONDS * CLOCK_HZ;
        }
    }
    tick_stop();
    for (unsigned i = 0; i < SLOTS; i++)
        if (run.slots[i].p)
            free_slot(&run.slots[i]);
    mm_query(&end);
    uint32_t elapsed = (uint32_t)((clock_ticks() - t0) / CLOCK_HZ), leaked = stress_tags_live();
    if (interrupted)
        kprintf("stress: interrupted after %u s; everything is freed, the timer cancelled\n", elapsed);
    kprintf("stress: %u s allocs=%u frees=%u null=%u trims=%u pageout_calls=%u dpc_ticks=%u dpc_null=%u "
            "pageout_errors=%u writes_failed=%u\n",
            elapsed, run.allocs, run.frees, run.nulls, run.trims, run.pageout_calls, tick.ticks, tick.nulls,
            end.pageout_errors - start.pageout_errors, inj->writes_failed - writes_failed);
    const struct mismatch *bad = run.bad.found ? &run.bad : tick.bad.found ? &tick.bad : 0;
    uint32_t verified = run.verified + tick.verified;
    if (bad) {
        char tag[5];
        kprintf("stress: FAIL at 0x%08x expected=0x%08x found=0x%08x (block 0x%08x, %u bytes, tag %s) ops=%u "
                "verified=%u leaked=%u\n",
                bad->address, bad->expected, bad->found_value, bad->block, bad->bytes,
                args_format_tag(bad->tag, tag), run.ops, verified, leaked);
        return -1;
    }
    if (leaked) {
        kprintf("stress: FAIL ops=%u verified=%u pageouts=%u pageins=%u leaked=%u\n", run.ops, verified,
                end.pageouts - start.pageouts, end.pageins - start.pageins, leaked);
        return -1;
    }
    kprintf("stress: PASS ops=%u verified=%u pageouts=%u pageins=%u leaked=0\n", run.ops, verified,
            end.pageouts - start.pageouts, end.pageins - start.pageins);
    return 0;
}

static void show_injection(void)
{
    const struct fault_inject_stats *s = fault_inject_stats();
    kprintf("faultinject: reads_failed=%u reads_corrupted=%u writes_failed=%u\n", s->reads_failed,
            s->reads_corrupted, s->writes_failed);
}

int cmd_faultinject(int argc, char **argv)
{
    if (argc == 1) {
        show_injection();
        return 0;
    }
    if (strcmp(argv[1], "off") == 0) {
        if (argc != 2)
            return ARGS_USAGE;
        fault_inject_set(FAULT_INJECT_READ, 0, 1);
        fault_inject_set(FAULT_INJECT_WRITE, 0, 1);
        show_injection();
        return 0;
    }
    uint32_t rate, seed = 1;
    if (strcmp(argv[1], "pagefile") != 0 || argc < 4)
        return ARGS_USAGE;
    bool read = strcmp(argv[2], "read") == 0;
    if (!read && strcmp(argv[2], "write") != 0) {
        console_error("faultinject: '%s': not an operation (read or write)", argv[2]);
        return -1;
    }
    if (!args_u32("faultinject", argv[3], 1, 100, &rate) ||
        (argc == 5 && !args_u32("faultinject", argv[4], 0, UINT32_MAX, &seed)))
        return -1;
    fault_inject_set(read ? FAULT_INJECT_READ : FAULT_INJECT_WRITE, rate, seed);
    kprintf("faultinject: paging-file %ss fail %u%% (seed %u)\n", read ? "read" : "write", rate, seed);
    return 0;
}
