/* Commands about the pool: the WDK calls (alloc, free), WinDbg's !pool, the per-tag counters and the
 * blocks behind them (poolmon, poolused, poolfind), the lookaside lists, what an alloc+free pair costs
 * (poolbench), and tags themselves (tag). */
#include "shell/cmd_pool.h"

#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/lib/kstring.h"
#include "mm/pool_pages.h"
#include "pool/lookaside.h"
#include "pool/pool.h"
#include "pool/verifier.h"
#include "shell/args.h"
#include "shell/cmd_mm.h"
#include "shell/ctrl_c.h"

/* Every handler has the table's signature; those that take no words leave argc or argv unused. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

int cmd_alloc(int argc, char **argv)
{
    uint32_t type, bytes;
    ULONG tag = 0;
    if (!args_pool_type("alloc", argv[1], &type) || !args_u32("alloc", argv[2], 0, UINT32_MAX, &bytes) ||
        (argc == 4 && !args_tag("alloc", argv[3], &tag)))
        return -1;
    enum pool_pages_limit limit;
    uint32_t failures = pool_pages_failures(&limit);
    void *p = argc == 4 ? ExAllocatePoolWithTag((POOL_TYPE)type, bytes, tag) : ExAllocatePool((POOL_TYPE)type, bytes);
    if (!p) {
        console_error("%s returned NULL%s", argc == 4 ? "ExAllocatePoolWithTag" : "ExAllocatePool",
                      mm_limit_refusal(failures));
        return -1;
    }
    kprintf("0x%08x\n", (unsigned)(uintptr_t)p);
    return 0;
}

int cmd_free(int argc, char **argv)
{
    uint32_t addr;
    ULONG tag = 0;
    if (!args_address("free", argv[1], &addr) || (argc == 3 && !args_tag("free", argv[2], &tag)))
        return -1;
    if (argc == 3)
        ExFreePoolWithTag((PVOID)addr, tag);
    else
        ExFreePool((PVOID)addr);
    return 0;
}

static void print_block(void *ctx, const struct pool_block_info *b)
{
    uint32_t addr = *(const uint32_t *)ctx;
    char tag[5];
    bool holds = addr - b->header < b->bytes;
    kprintf("%c0x%08x size: %u previous size: %u (%s) %s%s\n", holds ? '*' : ' ', (unsigned)b->header, b->bytes,
            b->previous_bytes, b->allocated ? "Allocated" : "Free", args_format_tag(b->tag, tag),
            b->special ? " (Special pool)" : "");
}

static void count_block(void *ctx, const struct pool_block_info *b)
{
    (void)b;
    (*(unsigned *)ctx)++;
}

int cmd_pool(int argc, char **argv)
{
    uint32_t addr;
    unsigned blocks = 0;
    if (!args_address("pool", argv[1], &addr))
        return -1;
    /* Asked first, so that an address in no pool page is the one error line, with no header before it. */
    if (!pool_walk_page((const void *)addr, count_block, &blocks)) {
        console_error("0x%08x is in no pool page", (unsigned)addr);
        return -1;
    }
    kprintf("Pool page 0x%08x\n", (unsigned)addr & ~0xFFFu);
    if (!pool_walk_page((const void *)addr, print_block, &addr)) { /* a DPC freed the page meanwhile */
        console_error("0x%08x is in no pool page now", (unsigned)addr);
        return -1;
    }
    return 0;
}

#define POOLMON_ROWS 512

struct poolmon_row {
    uint32_t tag;
    enum pool_kind kind;
    struct tag_counters c;
};

enum poolmon_key { BY_TAG, BY_ALLOCS, BY_DIFF, BY_BYTES };

static struct poolmon_row rows[POOLMON_ROWS];

static uint64_t sort_value(const struct poolmon_row *r, enum poolmon_key key)
{
    switch (key) {
    case BY_ALLOCS:
        return r->c.allocs;
    case BY_DIFF:
        return r->c.allocs - r->c.frees;
    case BY_BYTES:
        return r->c.bytes;
    case BY_TAG:
        break;
    }
    return 0;
}

/* Tags in memory order (as they read), then Nonp before Paged; the counters largest first. */
static bool before(const struct poolmon_row *a, const struct poolmon_row *b, enum poolmon_key key)
{
    if (key == BY_TAG) {
        char ta[5], tb[5];
        int c = strcmp(args_format_tag(a->tag, ta), args_format_tag(b->tag, tb));
        return c < 0 || (c == 0 && a->kind < b->kind);
    }
    return sort_value(a, key) > sort_value(b, key);
}

/* One row per tag and pool that has seen an allocation (of the driver's, if one is named), sorted;
 * returns how many. */
static unsigned collect_rows(enum poolmon_key key, const struct verifier_driver *driver, unsigned *dropped)
{
    unsigned n = 0;
    size_t cursor = 0;
    struct tag_entry t;
    const struct tag_entry *e = &t;
    *dropped = 0;
    while (driver ? verifier_driver_tag_next(driver, &cursor, &t) : tagtab_next(&cursor, &t))
        for (unsigned k = 0; k < POOL_KINDS; k++) {
            if (!e->pool[k].allocs)
                continue;
            if (n == POOLMON_ROWS) {
                (*dropped)++;
                continue;
            }
            struct poolmon_row r = { (uint32_t)e->key.key, (enum pool_kind)k, e->pool[k] };
            unsigned i = n++;
            for (; i > 0 && before(&r, &rows[i - 1], key); i--)
                rows[i] = rows[i - 1];
            rows[i] = r;
        }
    return n;
}

int cmd_poolmon(int argc, char **argv)
{
    static const struct {
        const char *flag;
        enum poolmon_key key;
    } flags[] = { { "-t", BY_TAG }, { "-a", BY_ALLOCS }, { "-d", BY_DIFF }, { "-b", BY_BYTES } };
    enum poolmon_key key = BY_TAG;
    const struct verifier_driver *driver = 0;
    int arg = 1;
    if (argc > arg && argv[arg][0] == '-') {
        unsigned i = 0;
        while (i < sizeof(flags) / sizeof(flags[0]) && strcmp(argv[arg], flags[i].flag) != 0)
            i++;
        if (i == sizeof(flags) / sizeof(flags[0]))
            return ARGS_USAGE;
        key = flags[i].key;
        arg++;
    }
    if (argc > arg && !(driver = verifier_driver(argv[arg++], false))) {
        console_error("poolmon: '%s': no such driver (see 'drivers' and 'verifier')", argv[arg - 1]);
        return -1;
    }
    if (argc > arg)
        return ARGS_USAGE;
    unsigned dropped, n = collect_rows(key, driver, &dropped);
    kprintf("%-4s %-5s %10s %10s %10s %12s %8s\n", "Tag", "Type", "Allocs", "Frees", "Diff", "Bytes", "PerAlloc");
    for (unsigned i = 0; i < n; i++) {
        char tag[5];
        uint32_t diff = rows[i].c.allocs - rows[i].c.frees;
        kprintf("%-4s %-5s %10u %10u %10u %12llu %8llu\n", args_format_tag(rows[i].tag, tag),
                pool_kind_name(rows[i].kind), rows[i].c.allocs, rows[i].c.frees, diff,
                (unsigned long long)rows[i].c.bytes, (unsigned long long)(diff ? rows[i].c.bytes / diff : 0));
    }
    if (dropped)
        kprintf("(%u more rows not shown)\n", dropped);
    return 0;
}

/* !poolused: what each tag holds now, nonpaged and paged side by side, most bytes first. */
int cmd_poolused(int argc, char **argv)
{
    unsigned dropped, n = collect_rows(BY_BYTES, 0, &dropped);
    kprintf("%-4s %-5s %10s %12s\n", "Tag", "Type", "Used", "Bytes");
    for (unsigned i = 0; i < n; i++) {
        char tag[5];
        if (rows[i].c.allocs == rows[i].c.frees)
            continue;
        kprintf("%-4s %-5s %10u %12llu\n", args_format_tag(rows[i].tag, tag), pool_kind_name(rows[i].kind),
                rows[i].c.allocs - rows[i].c.frees, (unsigned long long)rows[i].c.bytes);
    }
    return 0;
}

struct find_ctx {
    uint32_t tag;
    unsigned found;
};

static void print_if_tagged(void *ctx, const struct pool_block_info *b)
{
    struct find_ctx *f = ctx;
    char tag[5];
    if (!b->allocated || b->tag != f->tag)
        return;
    f->found++;
    kprintf("0x%08x size: %u (Allocated) %s (%s%s)\n", (unsigned)b->header, b->bytes, args_format_tag(b->tag, tag),
            pool_kind_name(b->kind), b->special ? ", special pool" : "");
}

/* !poolfind: every allocated block with the tag, by walking every pool page. */
int cmd_poolfind(int argc, char **argv)
{
    struct find_ctx f = { 0, 0 };
    ULONG tag;
    if (!args_tag("poolfind", argv[1], &tag))
        return -1;
    f.tag = tag;
    pool_walk_all(print_if_tagged, &f);
    kprintf("%u blocks\n", f.found);
    return 0;
}

/* Every registered lookaside list: the WDK's, drivers' and the kernel's own. */
int cmd_lookaside(int argc, char **argv)
{
    kprintf("%-4s %-5s %5s %5s %8s %7s %10s %10s %10s %10s\n", "Tag", "Type", "Size", "Depth", "MaxDepth", "Entries",
            "Allocates", "Misses", "Frees", "FreeMisses");
    for (PGENERAL_LOOKASIDE l = lookaside_next(0); l; l = lookaside_next(l)) {
        char tag[5];
        kprintf("%-4s %-5s %5u %5u %8u %7u %10u %10u %10u %10u\n", args_format_tag(l->Tag, tag),
                pool_kind_name(pool_kind_of(l->Type)), (unsigned)l->Size, l->Depth, l->MaximumDepth,
                l->ListHead.Depth, (unsigned)l->TotalAllocates, (unsigned)l->AllocateMisses,
                (unsigned)l->TotalFrees, (unsigned)l->FreeMisses);
    }
    return 0;
}

/* poolbench reads the time-stamp counter. Under QEMU's -icount shift=0 it advances one per guest
 * instruction, so the figure is guest instructions per pair and repeats exactly (make bench runs it so).
 * A NULL (Driver Verifier's low-resources simulation, or memory exhausted) is counted, never freed; Ctrl-C
 * is looked at every POOLBENCH_POLL pairs, which keeps the poll out of the figure. */
#define POOLBENCH_POLL 1024
#define POOLBENCH_QUICK 100000 /* pairs that take well under a second, so need no Ctrl-C */

struct bench {
    uint32_t done, nulls;
};

static bool one_pair(SIZE_T bytes, struct bench *b)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, bytes, 'hcnB');
    if (!p) {
        b->nulls++;
        return false;
    }
    ExFreePoolWithTag(p, 'hcnB');
    return true;
}

/* The mean over the pairs done; stops early (b->done < pairs) on Ctrl-C. */
static uint64_t per_pair(uint32_t pairs, SIZE_T bytes, struct bench *b)
{
    one_pair(bytes, b); /* warm the size class: its page made and kept */
    b->done = 0;
    uint64_t t0 = cpu_rdtsc();
    while (b->done < pairs) {
        uint32_t n = pairs - b->done < POOLBENCH_POLL ? pairs - b->done : POOLBENCH_POLL;
        for (uint32_t i = 0; i < n; i++)
            one_pair(bytes, b);
        b->done += n;
        if (ctrl_c_requested())
            break;
    }
    return (cpu_rdtsc() - t0) / b->done;
}

int cmd_poolbench(int argc, char **argv)
{
    uint32_t pairs = 10000;
    if (argc == 2 && !args_u32("poolbench", argv[1], 1, 10000000, &pairs))
        return -1;
    if (pairs > POOLBENCH_QUICK && !ctrl_c_can_arrive("poolbench"))
        return -1;
    struct bench small = { 0, 0 }, large = { 0, 0 };
    uint64_t tsc64 = per_pair(pairs, 64, &small);
    uint64_t tsc1000 = ctrl_c_requested() ? 0 : per_pair(pairs, 1000, &large);
    if (ctrl_c_requested()) {
        kprintf("poolbench: interrupted after %u pairs; the memory is freed\n", small.done + large.done);
        return 0;
    }
    kprintf("poolbench: pairs=%u tsc_per_pair_64=%llu tsc_per_pair_1000=%llu", pairs, (unsigned long long)tsc64,
            (unsigned long long)tsc1000);
    if (small.nulls + large.nulls)
        kprintf(" null=%u", small.nulls + large.nulls);
    kprintf("\n");
    return 0;
}

/* A pool tag as poolmon shows it, and the multi-character literal a driver writes for it. */
int cmd_tag(int argc, char **argv)
{
    ULONG tag;
    if (!args_tag("tag", argv[1], &tag))
        return -1;
    char shown[5];
    args_format_tag(tag, shown);
    kprintf("tag \"%s\" = 0x%08x, in C '%c%c%c%c'\n", shown, (unsigned)tag, shown[3], shown[2], shown[1],
            shown[0]);
    return 0;
}
