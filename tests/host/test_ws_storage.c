/* The replacement policy's storage (mm/ws_policy.c): used as the set and its history grow, never ahead
 * of them. The storage here is an mmap'ed range with no access, each page opened when the policy asks
 * for it, as the kernel maps its pages: a touch of any other part of it is a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "kernel/lib/kstring.h"
#include "mm/ws_policy.h"
#include "tests/host/unit.h"

#define CAPACITY 20000 /* pages the set may hold: storage for them is 1.4 MB, 342 pages */
#define KEYS 4096

struct storage {
    uint32_t *words;
    uint32_t pages, opened, asked; /* pages in all, opened so far, times the policy asked */
    uint32_t open_left;            /* pages it may still open: refused beyond */
    bool bit[KEYS];                /* each key's accessed bit */
    bool open[512];
};

static bool open_pages(void *ctx, void *start, uint32_t bytes)
{
    struct storage *s = ctx;
    uintptr_t base = (uintptr_t)s->words / 4096, first = (uintptr_t)start / 4096;
    uintptr_t end = ((uintptr_t)start + bytes + 4095) / 4096;
    s->asked++;
    CHECK(first >= base && end <= base + s->pages);
    for (uintptr_t page = first; page < end; page++) {
        if (s->open[page - base])
            continue;
        if (s->open_left == 0)
            return false;
        s->open_left--;
        s->opened++;
        s->open[page - base] = true;
        CHECK(mprotect((void *)(page * 4096), 4096, PROT_READ | PROT_WRITE) == 0);
    }
    return true;
}

static bool accessed(void *ctx, uint32_t key)
{
    struct storage *s = ctx;
    bool was = s->bit[(key >> 12) % KEYS];
    s->bit[(key >> 12) % KEYS] = false;
    return was;
}

static void storage_new(struct storage *s, struct ws_policy *p, uint32_t capacity, uint32_t step, uint32_t open_left)
{
    memset(s, 0, sizeof(*s));
    s->pages = (WS_POLICY_WORDS(capacity) * 4 + 4095) / 4096;
    s->words = mmap(0, s->pages * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(s->words != MAP_FAILED);
    s->open_left = open_left;
    ws_policy_init(p, s->words, capacity, open_pages, accessed, s);
    p->grow_step = step;
}

static void storage_free(struct storage *s)
{
    munmap(s->words, s->pages * 4096);
}

/* A loop over more pages than the limit, with some randomness: evictions in their test periods fill
 * the history. Returns a digest of every victim and every handle given, with the faults in *faults. */
static uint64_t run(struct ws_policy *p, struct storage *s, uint32_t limit, uint32_t refs, uint64_t *faults)
{
    uint32_t handle[KEYS], seed = 7;
    uint64_t digest = 0;
    for (uint32_t k = 0; k < KEYS; k++)
        handle[k] = WS_NONE;
    ws_policy_set_limit(p, limit);
    *faults = 0;
    for (uint32_t i = 0; i < refs; i++) {
        seed = seed * 1103515245 + 12345;
        uint32_t page = (seed >> 16) % 4 == 0 ? (seed >> 4) % KEYS : (i / 3) % (limit + limit / 2);
        s->bit[page] = true;
        if (handle[page] != WS_NONE)
            continue;
        ++*faults;
        if (p->count >= limit) {
            uint32_t v = ws_policy_victim(p), vk = ws_policy_key(p, v) >> 12;
            digest = digest * 31 + vk;
            handle[vk] = WS_NONE;
            ws_policy_evict(p, v);
        }
        handle[page] = ws_policy_insert(p, page << 12);
        CHECK(handle[page] != WS_NONE);
        digest = digest * 31 + handle[page];
    }
    return digest;
}

/* A policy of a large capacity holding a few pages has opened a few pages of its storage, not the
 * capacity's: nothing at init, then a step of handles, then a step of history and its hash table. */
TEST(ws_policy_storage_is_used_as_the_set_grows_not_by_its_capacity)
{
    struct storage s;
    struct ws_policy p;
    storage_new(&s, &p, CAPACITY, WS_GROW_STEP, UINT32_MAX);
    CHECK(s.asked == 0 && s.opened == 0);
    uint64_t faults;
    run(&p, &s, 100, 5000, &faults);
    /* 4 tables of handles, 5 of history entries, the hash table: a page or two each. */
    CHECK(faults > 1000 && p.history > 0 && s.opened <= 20 && s.pages > 300);
    storage_free(&s);
}

/* How far the storage has grown changes no decision: growing a handle or an entry at a time (the hash
 * table rebuilt at every doubling) or all at once, the same victims, handles and faults. */
TEST(ws_policy_growth_and_rehashing_change_no_decision)
{
    uint64_t digest[3], faults[3];
    const uint32_t steps[3] = { 1, WS_GROW_STEP, CAPACITY };
    for (unsigned i = 0; i < 3; i++) {
        struct storage s;
        struct ws_policy p;
        storage_new(&s, &p, CAPACITY, steps[i], UINT32_MAX);
        digest[i] = run(&p, &s, 1500, 60000, &faults[i]);
        CHECK(p.history > 500 && p.buckets >= 512); /* step 1: the table was rebuilt ten times */
        storage_free(&s);
    }
    CHECK(digest[0] == digest[1] && digest[1] == digest[2] && faults[0] == faults[1] && faults[1] == faults[2]);
}

/* Storage refused: an insert fails once the handles it has are in use, and the caller makes room as the
 * kernel does (one page out, then the insert again); an evicted page in its test period finds the
 * history full at the size it has (HAND_test makes room). Nothing is lost, and the set grows again
 * when storage comes. */
static bool in[KEYS];

static void evict_one(struct ws_policy *p, struct storage *s)
{
    uint32_t v = ws_policy_victim(p), vk = ws_policy_key(p, v) >> 12;
    CHECK(v != WS_NONE);
    if (v == WS_NONE)
        return;
    CHECK(in[vk] && !s->bit[vk]);
    in[vk] = false;
    ws_policy_evict(p, v);
}

static uint32_t refusals_in_a_run(struct ws_policy *p, struct storage *s, uint32_t refs)
{
    uint32_t seed = 3, refused = 0;
    for (uint32_t i = 0; i < refs; i++) {
        seed = seed * 1103515245 + 12345;
        uint32_t key = (seed >> 8) % (seed & 0x100 ? 400 : KEYS);
        s->bit[key] = true;
        if (in[key])
            continue;
        if (p->count >= p->limit)
            evict_one(p, s);
        uint32_t h = ws_policy_insert(p, key << 12);
        if (h == WS_NONE) {
            refused++;
            CHECK(p->count == p->handles_ready && p->count < p->limit);
            evict_one(p, s);
            h = ws_policy_insert(p, key << 12);
        }
        CHECK(h != WS_NONE);
        in[key] = true;
        CHECK(p->history <= p->entries_ready - p->capacity);
    }
    return refused;
}

TEST(ws_policy_refused_storage_keeps_the_set_at_its_size)
{
    struct storage s;
    struct ws_policy p;
    memset(in, 0, sizeof(in));
    storage_new(&s, &p, CAPACITY, 64, 13); /* pages for some handles and a little history */
    ws_policy_set_limit(&p, 200);
    refusals_in_a_run(&p, &s, 5000);
    uint32_t entries = p.entries_ready;
    CHECK(p.history > 0 && s.open_left > 0);
    ws_policy_set_limit(&p, 1500);
    CHECK(refusals_in_a_run(&p, &s, 30000) > 0 && s.open_left == 0 && p.entries_ready == entries);
    CHECK(p.handles_ready < 1500 && p.count == p.handles_ready);
    uint32_t held = p.count;
    s.open_left = UINT32_MAX;
    refusals_in_a_run(&p, &s, 30000);
    CHECK(p.count > held);
    for (uint32_t left = p.count; left; left--) /* nothing lost: as many victims as pages */
        evict_one(&p, &s);
    CHECK(ws_policy_victim(&p) == WS_NONE);
    storage_free(&s);
}
