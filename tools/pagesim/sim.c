#include "tools/pagesim/sim.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mm/ws_policy.h"
#include "tools/pagesim/arc.h"
#include "tools/pagesim/clockpro.h"
#include "tools/pagesim/lirs.h"

#define ABSENT UINT32_MAX

static const char *const names[SIM_POLICY_COUNT] = { "kernel", "opt", "lru", "clock", "fifo", "clockpro", "arc", "lirs" };

enum sim_policy sim_policy_by_name(const char *name)
{
    unsigned p = 0;
    while (p < SIM_POLICY_COUNT && strcmp(names[p], name) != 0)
        p++;
    return (enum sim_policy)p;
}

const char *sim_policy_name(enum sim_policy policy)
{
    return names[policy];
}

/* Per page: where it sits (a frame, a handle, ...) or ABSENT. */
static uint32_t *absent_array(uint32_t n)
{
    uint32_t *a = malloc((n ? n : 1) * sizeof(*a));
    for (uint32_t i = 0; i < n; i++)
        a[i] = ABSENT;
    return a;
}

/* The kernel's policy, with the accessed bits kept here: set on every reference (and on the fault that
 * brings a page in, as the kernel's fault handler does). */
struct kernel_sim {
    uint8_t *accessed;
};

static bool kernel_test_and_clear(void *ctx, uint32_t key)
{
    struct kernel_sim *k = ctx;
    bool was = k->accessed[key];
    k->accessed[key] = 0;
    return was;
}

static uint64_t run_kernel(const struct trace *t, uint32_t frames)
{
    struct ws_policy p;
    uint32_t *storage = malloc(WS_POLICY_WORDS(frames) * sizeof(uint32_t));
    uint32_t *handle = absent_array(t->distinct);
    struct kernel_sim k = { calloc(t->distinct ? t->distinct : 1, 1) };
    uint64_t faults = 0;
    ws_policy_init(&p, storage, frames, 0, kernel_test_and_clear, &k);
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        k.accessed[page] = 1;
        if (handle[page] != ABSENT)
            continue;
        faults++;
        if (p.count == frames) {
            uint32_t victim = ws_policy_victim(&p);
            handle[ws_policy_key(&p, victim)] = ABSENT;
            ws_policy_evict(&p, victim);
        }
        handle[page] = ws_policy_insert(&p, page);
    }
    free(storage);
    free(handle);
    free(k.accessed);
    return faults;
}

/* Textbook CLOCK over a ring of frames, reference bit set on load and on every hit. */
static uint64_t run_clock(const struct trace *t, uint32_t frames)
{
    uint32_t *frame_of = absent_array(t->distinct), *page_in = absent_array(frames), hand = 0;
    uint8_t *ref = calloc(frames, 1);
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        if (frame_of[page] != ABSENT) {
            ref[frame_of[page]] = 1;
            continue;
        }
        faults++;
        while (page_in[hand] != ABSENT && ref[hand]) {
            ref[hand] = 0;
            hand = (hand + 1) % frames;
        }
        if (page_in[hand] != ABSENT)
            frame_of[page_in[hand]] = ABSENT;
        page_in[hand] = page;
        frame_of[page] = hand;
        ref[hand] = 1;
        hand = (hand + 1) % frames;
    }
    free(frame_of);
    free(page_in);
    free(ref);
    return faults;
}

/* FIFO: the ring's hand is the oldest page. */
static uint64_t run_fifo(const struct trace *t, uint32_t frames)
{
    uint32_t *frame_of = absent_array(t->distinct), *page_in = absent_array(frames), oldest = 0;
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        if (frame_of[page] != ABSENT)
            continue;
        faults++;
        if (page_in[oldest] != ABSENT)
            frame_of[page_in[oldest]] = ABSENT;
        page_in[oldest] = page;
        frame_of[page] = oldest;
        oldest = (oldest + 1) % frames;
    }
    free(frame_of);
    free(page_in);
    return faults;
}

/* LRU: a doubly linked list of resident pages, most recent at the head. */
static uint64_t run_lru(const struct trace *t, uint32_t frames)
{
    uint32_t *prev = absent_array(t->distinct), *next = absent_array(t->distinct);
    bool *resident = calloc(t->distinct ? t->distinct : 1, sizeof(bool));
    uint32_t head = ABSENT, tail = ABSENT, count = 0;
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        if (resident[page]) {
            if (page == head)
                continue;
            next[prev[page]] = next[page];
            if (page == tail)
                tail = prev[page];
            else
                prev[next[page]] = prev[page];
        } else {
            faults++;
            if (count == frames) {
                uint32_t victim = tail;
                tail = prev[victim];
                if (tail == ABSENT)
                    head = ABSENT;
                else
                    next[tail] = ABSENT;
                resident[victim] = false;
                count--;
            }
            resident[page] = true;
            count++;
        }
        prev[page] = ABSENT;
        next[page] = head;
        if (head != ABSENT)
            prev[head] = page;
        head = page;
        if (tail == ABSENT)
            tail = page;
    }
    free(prev);
    free(next);
    free(resident);
    return faults;
}

/* OPT (Belady): evict the page whose next use is furthest away. A max-heap of (next use, page) with
 * stale entries skipped when they surface. */
struct heap_entry {
    uint32_t next_use, page;
};

static void heap_push(struct heap_entry *h, uint32_t *n, struct heap_entry e)
{
    uint32_t i = (*n)++;
    while (i && h[(i - 1) / 2].next_use < e.next_use) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = e;
}

static struct heap_entry heap_pop(struct heap_entry *h, uint32_t *n)
{
    struct heap_entry top = h[0], last = h[--*n];
    uint32_t i = 0;
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && h[c + 1].next_use > h[c].next_use)
            c++;
        if (h[c].next_use <= last.next_use)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = last;
    return top;
}

static uint64_t run_opt(const struct trace *t, uint32_t frames)
{
    uint32_t *next_use = malloc((t->count ? t->count : 1) * sizeof(uint32_t));
    uint32_t *seen = absent_array(t->distinct), *pending = absent_array(t->distinct);
    bool *resident = calloc(t->distinct ? t->distinct : 1, sizeof(bool));
    for (uint32_t i = t->count; i-- > 0;) {
        next_use[i] = seen[t->refs[i]]; /* ABSENT: never again, the best victim */
        seen[t->refs[i]] = i;
    }
    struct heap_entry *heap = malloc((t->count ? t->count : 1) * sizeof(*heap));
    uint32_t heap_n = 0, count = 0;
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        if (!resident[page]) {
            faults++;
            if (count == frames) {
                struct heap_entry e;
                do
                    e = heap_pop(heap, &heap_n);
                while (!resident[e.page] || pending[e.page] != e.next_use);
                resident[e.page] = false;
                count--;
            }
            resident[page] = true;
            count++;
        }
        pending[page] = next_use[i];
        heap_push(heap, &heap_n, (struct heap_entry){ next_use[i], page });
    }
    free(next_use);
    free(seen);
    free(pending);
    free(resident);
    free(heap);
    return faults;
}

uint64_t sim_faults(enum sim_policy policy, const struct trace *t, uint32_t frames)
{
    static uint64_t (*const run[SIM_POLICY_COUNT])(const struct trace *, uint32_t) = {
        run_kernel, run_opt, run_lru, run_clock, run_fifo, sim_run_clockpro, sim_run_arc, sim_run_lirs,
    };
    if (frames == 0)
        return t->count;
    return run[policy](t, frames);
}
