/* poolmon, poolused and poolfind: the per-tag counters and the blocks behind them. */
#include "kernel/console.h"
#include "kernel/lib/kstring.h"
#include "pool/pool.h"
#include "shell/args_print.h"
#include "shell/commands.h"
#include "shell/args.h"

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
        int c = strcmp(format_tag(a->tag, ta), format_tag(b->tag, tb));
        return c < 0 || (c == 0 && a->kind < b->kind);
    }
    return sort_value(a, key) > sort_value(b, key);
}

/* One row per tag and pool that has seen an allocation, sorted; returns how many. */
static unsigned collect_rows(enum poolmon_key key, unsigned *dropped)
{
    unsigned n = 0;
    size_t cursor = 0;
    struct tag_entry t;
    const struct tag_entry *e = &t;
    *dropped = 0;
    while (tagtab_next(&cursor, &t))
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
    if (argc > 2)
        return cmd_usage_error("poolmon");
    if (argc == 2) {
        unsigned i = 0;
        while (i < sizeof(flags) / sizeof(flags[0]) && strcmp(argv[1], flags[i].flag) != 0)
            i++;
        if (i == sizeof(flags) / sizeof(flags[0]))
            return cmd_usage_error("poolmon");
        key = flags[i].key;
    }
    unsigned dropped, n = collect_rows(key, &dropped);
    kprintf("%-4s %-5s %10s %10s %10s %12s %8s\n", "Tag", "Type", "Allocs", "Frees", "Diff", "Bytes", "PerAlloc");
    for (unsigned i = 0; i < n; i++) {
        char tag[5];
        uint32_t diff = rows[i].c.allocs - rows[i].c.frees;
        kprintf("%-4s %-5s %10u %10u %10u %12llu %8llu\n", format_tag(rows[i].tag, tag),
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
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("poolused");
    unsigned dropped, n = collect_rows(BY_BYTES, &dropped);
    kprintf("%-4s %-5s %10s %12s\n", "Tag", "Type", "Used", "Bytes");
    for (unsigned i = 0; i < n; i++) {
        char tag[5];
        if (rows[i].c.allocs == rows[i].c.frees)
            continue;
        kprintf("%-4s %-5s %10u %12llu\n", format_tag(rows[i].tag, tag), pool_kind_name(rows[i].kind),
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
    kprintf("0x%08x size: %u (Allocated) %s (%s%s)\n", (unsigned)b->header, b->bytes, format_tag(b->tag, tag),
            pool_kind_name(b->kind), b->special ? ", special pool" : "");
}

/* !poolfind: every allocated block with the tag, by walking every pool page. */
int cmd_poolfind(int argc, char **argv)
{
    if (argc != 2)
        return cmd_usage_error("poolfind");
    struct find_ctx f = { 0, 0 };
    ULONG tag;
    if (!args_tag("poolfind", argv[1], &tag))
        return -1;
    f.tag = tag;
    pool_walk_all(print_if_tagged, &f);
    kprintf("%u blocks\n", f.found);
    return 0;
}
