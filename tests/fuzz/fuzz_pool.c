/* libFuzzer target for the pool: each input is a program of allocations (every pool type, random
 * sizes and tags), frees (with and without the tag), lookaside traffic and trims. Blocks are filled
 * with a pattern that must survive until they are freed, so overlapping blocks are caught, and the
 * pool's pages are walked for consistency. An input may end with a corruption (a header byte, an
 * overrun into the next block, a write after free); that part runs in a child process, which must
 * then either finish or stop in the pool's own KeBugCheckEx: any other death is a crash the pool did
 * not report, and the fuzzer aborts with the input. Block contents never imitate a pool header: every
 * 8-byte word of a block starts with two zero bytes (a previous size of 0 away from a page start is
 * always caught), because no O(1) check can tell a header forged in user data from a real one. One of
 * the eight tags has Driver Verifier's special pool on: those blocks sit at the end of pages of their
 * own, where an overrun up to the page end (past it: the guard page, a SIGSEGV on the host) and a
 * header byte must be reported too. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mm/special_pages.h"
#include "pool/lookaside.h"
#include "pool/pool.h"
#include "pool/pool_header.h"
#include "pool/verifier.h"

#define MAX_LIVE 64
#define REPORTED_EXIT 77
#define SPECIAL_TAG 0x20202048u /* "H   ": the eighth tag do_alloc draws */

struct live {
    unsigned char *p;
    uint32_t bytes, tag;
    unsigned char fill;
};

static struct live live[MAX_LIVE];
static unsigned nlive;
static bool in_child;  /* this process is the child that runs the corruption and what follows it */
static bool corrupted; /* ... and the corruption is done: patterns may be overwritten legally */
static NPAGED_LOOKASIDE_LIST lookaside;

VOID KeBugCheckEx(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4)
{
    if (corrupted)
        _exit(REPORTED_EXIT);
    fprintf(stderr, "pool bugcheck without corruption: 0x%lX (0x%lX,0x%lX,0x%lX,0x%lX)\n", code,
            (unsigned long)p1, (unsigned long)p2, (unsigned long)p3, (unsigned long)p4);
    abort();
}

VOID KeBugCheck(ULONG code)
{
    KeBugCheckEx(code, 0, 0, 0, 0);
}

static const POOL_TYPE types[] = { NonPagedPool, PagedPool, NonPagedPoolMustSucceed, NonPagedPoolCacheAligned,
                                   PagedPoolCacheAligned, NonPagedPoolCacheAlignedMustS };

struct reader {
    const uint8_t *data;
    size_t size, at;
};

static unsigned next(struct reader *r)
{
    return r->at < r->size ? r->data[r->at++] : 0;
}

static unsigned char fill_byte(const struct live *l, uint32_t i)
{
    return i % 8 < 2 ? 0 : l->fill;
}

static void check_fill(const struct live *l)
{
    if (corrupted)
        return;
    for (uint32_t i = 0; i < l->bytes; i++)
        if (l->p[i] != fill_byte(l, i)) {
            fprintf(stderr, "block %p of %u bytes changed at %u: blocks overlap\n", (void *)l->p, l->bytes, i);
            abort();
        }
}

static void do_alloc(struct reader *r)
{
    if (nlive == MAX_LIVE)
        return;
    POOL_TYPE type = types[next(r) % 6];
    unsigned shape = next(r);
    uint32_t bytes = shape < 200 ? shape : shape < 250 ? next(r) * 16 + next(r) : next(r) * 97;
    bytes += !bytes; /* a zero-byte request is a bugcheck (0xC2/0x00), never made here */
    uint32_t tag = 0x20202041u + (next(r) % 8);
    unsigned char *p = ExAllocatePoolWithTag(type, bytes, tag);
    if (!p)
        abort(); /* the host arena never runs dry at these sizes */
    if (((unsigned)type & 4) && (uintptr_t)p % 64)
        abort();
    struct live *l = &live[nlive++];
    *l = (struct live){ p, bytes, tag, (unsigned char)(r->at * 31 + 1) };
    for (uint32_t i = 0; i < bytes; i++)
        p[i] = fill_byte(l, i);
}

static void do_free(struct reader *r)
{
    if (!nlive)
        return;
    unsigned i = next(r) % nlive;
    check_fill(&live[i]);
    if (next(r) & 1)
        ExFreePoolWithTag(live[i].p, live[i].tag);
    else
        ExFreePool(live[i].p);
    live[i] = live[--nlive];
}

static void do_lookaside(struct reader *r)
{
    void *e[8];
    unsigned n = next(r) % 8;
    for (unsigned i = 0; i < n; i++)
        e[i] = ExAllocateFromNPagedLookasideList(&lookaside);
    for (unsigned i = 0; i < n; i++)
        ExFreeToNPagedLookasideList(&lookaside, e[i]);
}

static uint32_t walk_last; /* the previous block's size, while walking */
static void consistent(void *ctx, const struct pool_block_info *b)
{
    (void)ctx;
    if (!b->big && b->previous_bytes && b->previous_bytes != walk_last)
        abort();
    walk_last = b->bytes;
}

/* Writes a byte the pool may notice: into a block's header, past its end (its slack or the next
 * header) within its page, or into a block freed a moment ago while its page is still the pool's. */
static void corrupt(struct reader *r)
{
    if (!nlive)
        return;
    struct live *l = &live[next(r) % nlive];
    unsigned kind = next(r) % 3, at = next(r), value = next(r);
    unsigned char *target;
    if (kind == 0) {
        target = l->p - 8 + at % 8;
    } else if (kind == 1) {
        /* An overrun as far as the next block's header: past it, it would be that block's data,
         * which no pool can tell from what its owner wrote. */
        if (l->bytes > POOL_SMALL_MAX)
            return;
        bool special = special_pages_contains(l->p);
        unsigned char *end = special ? (unsigned char *)(((uintptr_t)l->p | 4095) + 1) - 8 /* the page end */
                                     : l->p - 8 + pool_header_of(l->p)->block_size * 8;
        if (end + 8 == l->p + l->bytes) /* a special block without slack: nothing but the guard page */
            return;
        target = l->p + l->bytes + at % (unsigned)(end + 8 - (l->p + l->bytes));
        if (((uintptr_t)target & ~(uintptr_t)4095) != ((uintptr_t)l->p & ~(uintptr_t)4095))
            return;
    } else {
        if (l->bytes > POOL_SMALL_MAX)
            return;
        unsigned char *p = l->p;
        ExFreePoolWithTag(p, l->tag);
        *l = live[--nlive];
        walk_last = 0;
        if (!pool_walk_page(p, consistent, 0))
            return;
        target = p + at % 16;
    }
    corrupted = true;
    *target ^= (unsigned char)(value | 1);
}

static void run(struct reader *r)
{
    while (r->at < r->size) {
        unsigned op = next(r) % 16;
        if (op < 7)
            do_alloc(r);
        else if (op < 13)
            do_free(r);
        else if (op == 13)
            do_lookaside(r);
        else if (op == 14)
            pool_trim();
        else if (!in_child && next(r) % 4 == 0) {
            /* The rest of this input runs in a child: it may bring the pool down, as it should. */
            fflush(stderr);
            pid_t pid = fork();
            if (pid == 0) {
                in_child = true;
                corrupt(r);
                continue;
            }
            int status;
            waitpid(pid, &status, 0);
            if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != REPORTED_EXIT)) {
                fprintf(stderr, "the pool died of a corruption it did not report (status 0x%x)\n", status);
                abort();
            }
            return;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        ExInitializeNPagedLookasideList(&lookaside, 0, 0, 0, 48, 'zzuF', 0);
        verifier_set_special_tag(SPECIAL_TAG, true);
        ready = true;
    }
    struct reader r = { data, size, 0 };
    run(&r);
    if (!corrupted) {
        walk_last = 0;
        pool_walk_all(consistent, 0);
    }
    while (nlive)
        do_free(&(struct reader){ (const uint8_t *)"\0\1", 2, 0 });
    if (in_child) /* the child ends here: everything freed without a report is fine too */
        _exit(0);
    return 0;
}
