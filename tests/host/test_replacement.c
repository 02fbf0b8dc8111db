/* The replacement policies: hand-worked traces, the kernel's policy's invariants through its
 * interface, then the shared LIRS traces against OPT with the targets. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lib/kstring.h"
#include "mm/ws_policy.h"
#include "shell/replay_trace.h"
#include "tests/host/unit.h"
#include "tools/pagesim/sim.h"

static uint64_t faults_of(enum sim_policy policy, const char *text, uint32_t frames)
{
    struct trace t;
    CHECK(trace_parse(&t, text, strlen(text)) == 0);
    uint64_t f = sim_faults(policy, &t, frames);
    trace_free(&t);
    return f;
}

/* Belady's string: FIFO's anomaly (more frames, more faults), LRU and OPT as in the textbooks. */
static const char belady[] = "1\n2\n3\n4\n1\n2\n5\n1\n2\n3\n4\n5\n";

TEST(policies_on_beladys_string)
{
    CHECK(faults_of(SIM_FIFO, belady, 3) == 9 && faults_of(SIM_FIFO, belady, 4) == 10);
    CHECK(faults_of(SIM_LRU, belady, 3) == 10 && faults_of(SIM_LRU, belady, 4) == 8);
    CHECK(faults_of(SIM_OPT, belady, 3) == 7 && faults_of(SIM_OPT, belady, 4) == 6);
}

/* 1 2 3 fill three frames; 1 hits; 4 finds every bit set, clears them all and comes round to evict
 * 1; the next 1 evicts 2: CLOCK 5 faults where LRU (evicting 2 for 4) and OPT take 4. The kernel's
 * policy makes 1 and 2 hot while filling up and 3 cold, in its test period from its fault; 4's fault
 * clears 3's bit, HAND_hot counts 1's reference and turns 2 cold, HAND_cold evicts 3: 4 faults. */
TEST(clock_second_chance_worked_by_hand)
{
    static const char trace[] = "1\n2\n3\n1\n4\n1\n";
    CHECK(faults_of(SIM_CLOCK, trace, 3) == 5);
    CHECK(faults_of(SIM_KERNEL, trace, 3) == 4);
    CHECK(faults_of(SIM_LRU, trace, 3) == 4 && faults_of(SIM_OPT, trace, 3) == 4);
}

/* A loop over 120 pages in 100 frames: LRU and CLOCK fault on every reference; CLOCK-Pro keeps a hot
 * set and faults only on the rest, as the reference and the kernel's policy both do. */
TEST(kernel_policy_resists_a_loop_larger_than_memory)
{
    static char text[16384];
    size_t n = 0;
    for (unsigned round = 0; round < 20; round++)
        for (unsigned page = 0; page < 120; page++)
            n += (size_t)snprintf(text + n, sizeof(text) - n, "%u\n", page);
    CHECK(faults_of(SIM_LRU, text, 100) == 2400 && faults_of(SIM_CLOCK, text, 100) == 2400);
    CHECK(faults_of(SIM_KERNEL, text, 100) < 700 && faults_of(SIM_CLOCKPRO, text, 100) < 700);
}

TEST(trace_parsing_skips_star_lines_and_renames_pages)
{
    struct trace t;
    static const char text[] = "700\r\n*\n5\n\n700\n";
    CHECK(trace_parse(&t, text, strlen(text)) == 0);
    CHECK(t.count == 3 && t.distinct == 2 && t.refs[0] == 0 && t.refs[1] == 1 && t.refs[2] == 0);
    trace_free(&t);
    CHECK(trace_parse(&t, "12\nx\n", 5) == 2); /* the bad line's number */
    trace_free(&t);
    static const char too_big[] = "1\n\n18446744073709551615\n18446744073709551616\n";
    CHECK(trace_parse(&t, too_big, strlen(too_big)) == 4);
    trace_free(&t);
}

/* replay's module format: what pagesim writes, the kernel checks before it touches a page. */
TEST(binary_traces_round_trip_and_bad_ones_are_refused)
{
    uint32_t words[REPLAY_TRACE_HEADER_WORDS + 3] = { 0, 0, 0, 1, 0, 1 };
    replay_trace_header(words, 3, 2);
    struct replay_trace r;
    CHECK(replay_trace_parse(words, sizeof(words), &r) == 0 && r.count == 3 && r.pages == 2 && r.refs[0] == 1);
    struct trace t;
    CHECK(trace_parse(&t, (const char *)words, sizeof(words)) == 0 && t.count == 3 && t.distinct == 2);
    trace_free(&t);
    CHECK(replay_trace_parse(words, sizeof(words) - 4, &r) != 0);      /* truncated */
    CHECK(replay_trace_parse(words, 8, &r) != 0);                      /* no room for a header */
    words[4] = 2;
    CHECK(replay_trace_parse(words, sizeof(words), &r) != 0);          /* a page beyond the count */
    words[4] = 0;
    words[0] = 0;
    CHECK(replay_trace_parse(words, sizeof(words), &r) != 0);          /* no magic */
}

/* The model the kernel keeps: a page's accessed bit, set by every reference and by its fault. */
#define KEYS 4096
static bool bit[KEYS];

static bool take_bit(void *ctx, uint32_t key)
{
    uint32_t *asked = ctx, page = (key >> 12) % KEYS; /* keys are page addresses, from 0 or 0xE1000000 */
    if (asked)
        (*asked)++;
    bool was = bit[page];
    bit[page] = false;
    return was;
}

static uint32_t storage[WS_POLICY_WORDS(64)];

/* A page brought in: its fault's access sets its bit, as the faulting instruction does on return. */
static uint32_t bring_in(struct ws_policy *p, uint32_t k)
{
    uint32_t h = ws_policy_insert(p, k << 12);
    bit[k] = true;
    return h;
}

static uint32_t evict_victim(struct ws_policy *p)
{
    uint32_t v = ws_policy_victim(p), k = ws_policy_key(p, v) >> 12;
    ws_policy_evict(p, v);
    return k;
}

/* Fills four frames: three hot while filling up, the fourth cold and, while promotions pay off, in its
 * test period from its fault; each fault clears the bit of the page brought in before it. The next
 * fault clears 4's bit too; HAND_hot turns 1 cold (the hot pages take more than their share), and
 * HAND_cold evicts 4, unreferenced since its fault: remembered, its test period running. */
static void fill_and_evict(struct ws_policy *p, uint32_t h[6])
{
    ws_policy_init(p, storage, 4, 0, take_bit, 0);
    memset(bit, 0, sizeof(bit));
    for (uint32_t k = 1; k <= 4; k++)
        h[k] = bring_in(p, k);
    CHECK(p->hot == 3 && p->cold == 1 && p->in_test == 1 && !bit[1] && !bit[2] && !bit[3] && bit[4]);
    CHECK(evict_victim(p) == 4 && !bit[4] && ws_policy_remembers(p, 4u << 12));
    CHECK(p->count == 3 && ws_policy_key(p, h[4]) == WS_NONE && p->hot == 2);
}

TEST(ws_policy_new_page_tests_from_its_fault)
{
    struct ws_policy p;
    uint32_t h[6];
    fill_and_evict(&p, h);
}

/* Faulted back in its test period, a page is hot at once and the cold share grows to 3 of 4; HAND_hot
 * does not run then but at the next fault, at most twice: it turns 2 and 3 cold (unreferenced), and
 * HAND_cold evicts 1. */
TEST(ws_policy_history_hit_makes_a_page_hot_and_hand_hot_catches_up)
{
    struct ws_policy p;
    uint32_t h[6];
    fill_and_evict(&p, h);
    bring_in(&p, 4);
    CHECK(p.hot == 3 && p.cold == 1 && p.cold_target == 3 && !ws_policy_remembers(&p, 4u << 12));
    CHECK(evict_victim(&p) == 1 && p.hot == 1 && p.cold == 2);
}

/* Four frames filled, 1 referenced before the next fault: HAND_hot counts that reference and turns 2
 * cold, HAND_cold evicts 4, which faults back and comes in hot. */
static void promote_four(struct ws_policy *p, uint32_t h[6])
{
    ws_policy_init(p, storage, 4, 0, take_bit, 0);
    memset(bit, 0, sizeof(bit));
    for (uint32_t k = 1; k <= 4; k++)
        h[k] = bring_in(p, k);
    bit[1] = true;
    CHECK(evict_victim(p) == 4 && p->hot == 2);
    h[4] = bring_in(p, 4);
    CHECK(p->hot == 3 && p->cold == 1);
}

/* A hot page found referenced by HAND_hot counts it: 1 outlasts the next visit without a reference and
 * stays hot while 3 and the promoted 4 turn cold. 4 was not referenced again before HAND_hot came
 * round: a promotion that did not pay off. */
TEST(ws_policy_hot_page_counts_its_references)
{
    struct ws_policy p;
    uint32_t h[6];
    promote_four(&p, h);
    CHECK(evict_victim(&p) == 2 && p.hot == 1 && ws_policy_key(&p, h[1]) == 1u << 12 &&
          (p.state[h[1]] & 2 /* hot */));
    CHECK(p.payoff == 14);
}

static uint32_t refs_of(const struct ws_policy *p, uint32_t h)
{
    return p->state[h] >> 4 & 7;
}

/* HAND_cold, on its way to a victim, counts the references of the hot pages it passes, as HAND_hot's
 * visits do: four frames filled, 2 referenced, and 3 (marked as promoted from its test period, a
 * promotion HAND_hot has yet to judge) referenced too. HAND_hot turns 1 cold and moves it to the head;
 * HAND_cold passes 2, counting its reference and clearing its bit, and 3, leaving its bit for HAND_hot;
 * it evicts 4. */
TEST(ws_policy_hand_cold_counts_the_hot_pages_it_passes)
{
    struct ws_policy p;
    uint32_t h[6];
    ws_policy_init(&p, storage, 4, 0, take_bit, 0);
    memset(bit, 0, sizeof(bit));
    for (uint32_t k = 1; k <= 4; k++)
        h[k] = bring_in(&p, k);
    p.state[h[3]] |= 8; /* promoted */
    bit[2] = bit[3] = true;
    CHECK(evict_victim(&p) == 4 && p.hot == 2 && !(p.state[h[1]] & 2 /* hot */));
    CHECK(!bit[2] && refs_of(&p, h[2]) == 1);
    CHECK(bit[3] && refs_of(&p, h[3]) == 0);
}

/* The same with the count of promotions that paid off at zero: 4's failure takes it below, so 5 comes
 * in outside a test period and keeps its fault's bit for HAND_cold's first visit (a second round). A
 * promotion that pays off (4 referenced again before HAND_hot's visit) adds 4. */
TEST(ws_policy_promotions_that_do_not_pay_off_give_new_pages_a_second_round)
{
    struct ws_policy p;
    uint32_t h[6];
    promote_four(&p, h);
    p.payoff = 0;
    CHECK(evict_victim(&p) == 2 && p.payoff == -1);
    h[5] = bring_in(&p, 5);
    CHECK(p.in_test == 0 && evict_victim(&p) == 3 && bit[5]);

    promote_four(&p, h);
    ws_policy_remove(&p, h[2]);
    h[5] = bring_in(&p, 5); /* clears 4's bit from its fault */
    bit[4] = true;          /* 4 referenced again */
    p.payoff = 0;
    CHECK(evict_victim(&p) == 5 && p.payoff == 4);
}

/* Freed pages leave no history, resident or not; a handle freed is given again. */
TEST(ws_policy_frees_forget_and_handles_are_reused)
{
    struct ws_policy p;
    uint32_t h[6];
    fill_and_evict(&p, h);
    ws_policy_forget(&p, 4u << 12);
    CHECK(!ws_policy_remembers(&p, 4u << 12) && p.history == 0);
    CHECK(bring_in(&p, 5) == h[4]);
    ws_policy_remove(&p, h[1]);
    CHECK(!ws_policy_remembers(&p, 1u << 12) && p.count == 3 && bring_in(&p, 6) == h[1]);
    CHECK(ws_policy_insert(&p, 7u << 12) == WS_NONE); /* full */
}

/* Random programs: the set never holds more than its capacity, inserts fail only when it is full,
 * victims are pages whose bits were just found clear, the history never passes three pages a frame
 * of the limit, and a victim search asks about each page a bounded number of times: HAND_hot runs at
 * most three times (twice to catch up, once when no page is cold) and asks about a hot page at most
 * nine times a run (once found referenced, seven times counting down, once turning it cold),
 * HAND_cold asks about a cold page at most twice, and the page brought in last once more. */
TEST(ws_policy_invariants_under_random_operations)
{
    struct ws_policy p;
    uint32_t asked = 0, seed = 12345;
    bool present[KEYS] = { false };
    for (unsigned run = 0; run < 20; run++) {
        uint32_t capacity = 1 + run * 3, count = 0;
        ws_policy_init(&p, storage, capacity, 0, take_bit, &asked);
        ws_policy_set_limit(&p, 1 + run % capacity);
        memset(present, 0, sizeof(present));
        memset(bit, 0, sizeof(bit));
        for (unsigned op = 0; op < 3000; op++) {
            seed = seed * 1103515245 + 12345;
            uint32_t key = (seed >> 8) % (4 * capacity + 8);
            if (present[key]) {
                bit[key] = true;
                continue;
            }
            if (count >= p.limit) {
                asked = 0;
                uint32_t v = ws_policy_victim(&p);
                CHECK(v < capacity && asked <= 29 * count + 1);
                uint32_t vk = ws_policy_key(&p, v) >> 12;
                CHECK(present[vk] && !bit[vk]);
                present[vk] = false;
                count--;
                if (seed & 0x10000)
                    ws_policy_evict(&p, v);
                else
                    ws_policy_remove(&p, v);
            }
            bit[key] = true;
            CHECK(ws_policy_insert(&p, key << 12) != WS_NONE);
            present[key] = true;
            count++;
            CHECK(p.count == count && p.count <= capacity && p.history <= WS_HISTORY_PER_FRAME * p.limit);
        }
        while (count < capacity) {
            seed = seed * 1103515245 + 12345;
            uint32_t key = 4 * capacity + 8 + count;
            CHECK(ws_policy_insert(&p, key << 12) != WS_NONE);
            count++;
        }
        CHECK(ws_policy_insert(&p, 0xFFFu << 12) == WS_NONE);
    }
}

/* The kernel's policy driven as the kernel drives it, with keys of the caller's choosing. */
static uint64_t run_direct(const struct trace *t, uint32_t frames, uint32_t key_base)
{
    static uint32_t big[WS_POLICY_WORDS(KEYS)];
    struct ws_policy p;
    uint32_t *handle = malloc(t->distinct * sizeof(uint32_t));
    for (uint32_t i = 0; i < t->distinct; i++)
        handle[i] = WS_NONE;
    memset(bit, 0, sizeof(bit));
    ws_policy_init(&p, big, KEYS, 0, take_bit, 0); /* more capacity than frames, as in the kernel */
    ws_policy_set_limit(&p, frames);
    uint64_t faults = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t page = t->refs[i];
        bit[page] = true;
        if (handle[page] != WS_NONE)
            continue;
        faults++;
        if (p.count >= frames) {
            uint32_t v = ws_policy_victim(&p);
            handle[(ws_policy_key(&p, v) - key_base) >> 12] = WS_NONE;
            ws_policy_evict(&p, v);
        }
        handle[page] = ws_policy_insert(&p, key_base + (page << 12));
    }
    free(handle);
    return faults;
}

/* pagesim --policy kernel is the kernel's policy used as the kernel uses it: the same faults as the
 * interface driven here with page addresses, a large capacity and a lower limit, as `replay` does. */
TEST(pagesim_kernel_policy_is_the_kernels)
{
    char *text = malloc(200000);
    size_t n = 0;
    uint32_t seed = 99;
    for (unsigned i = 0; i < 20000; i++) {
        seed = seed * 1103515245 + 12345;
        uint32_t page = (seed >> 16) % 8 == 0 ? (seed >> 4) % 600 : (i / 7) % 90 + (seed >> 20) % 3;
        n += (size_t)snprintf(text + n, 200000 - n, "%u\n", page);
    }
    struct trace t;
    CHECK(trace_parse(&t, text, n) == 0 && t.distinct < KEYS);
    for (uint32_t frames = 10; frames <= 160; frames *= 4) {
        uint64_t sim = sim_faults(SIM_KERNEL, &t, frames);
        CHECK(sim == run_direct(&t, frames, 0xE1000000) && sim == run_direct(&t, frames, 0));
        CHECK(sim != sim_faults(SIM_CLOCK, &t, frames) && sim == sim_faults(SIM_KERNEL, &t, frames));
    }
    trace_free(&t);
    free(text);
}

/* The shared traces, when they are beside the clone: the targets for the kernel's policy on the
 * ten traces of the LIRS paper at 5..60 % of their pages (faults/OPT geometric mean at most 1.16, no
 * point above 2.0), and within 10 % of CLOCK at every point of sprite and zigzag; the reference
 * adaptive CLOCK-Pro near its published 1.15. */
static char *gunzip(const char *path, size_t *length)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "gzip -dc '%s' 2>/dev/null", path);
    FILE *f = popen(cmd, "r");
    size_t capacity = 1 << 20, n = 0, got;
    char *buf = malloc(capacity);
    while ((got = fread(buf + n, 1, capacity - n, f)) > 0)
        if ((n += got) == capacity)
            buf = realloc(buf, capacity *= 2);
    pclose(f);
    *length = n;
    return buf;
}

static bool load_shared(const char *name, struct trace *t)
{
    char path[256];
    size_t length;
    snprintf(path, sizeof(path), "../shared/traces/%s.trace.gz", name);
    char *text = gunzip(path, &length);
    bool ok = length > 0 && trace_parse(t, text, length) == 0;
    if (!ok)
        printf("# %s: not found or unreadable, skipped\n", path);
    free(text);
    return ok;
}

/* Calls fn at 5, 10, 20, 40 and 60 % of a shared trace's pages; false when the trace is not there. */
static bool at_each_size(const char *name, void (*fn)(void *ctx, const struct trace *t, uint32_t frames), void *ctx)
{
    static const unsigned percents[] = { 5, 10, 20, 40, 60 };
    struct trace t;
    if (!load_shared(name, &t))
        return false;
    for (unsigned j = 0; j < 5; j++)
        fn(ctx, &t, t.distinct * percents[j] / 100);
    trace_free(&t);
    return true;
}

struct against_opt {
    double product, reference_product, worst;
    unsigned points;
};

static void against_opt(void *ctx, const struct trace *t, uint32_t frames)
{
    struct against_opt *a = ctx;
    uint64_t opt = sim_faults(SIM_OPT, t, frames), kernel = sim_faults(SIM_KERNEL, t, frames);
    uint64_t reference = sim_faults(SIM_CLOCKPRO, t, frames);
    CHECK(opt <= kernel && opt <= reference && opt >= t->distinct);
    double ratio = (double)kernel / (double)opt;
    a->worst = ratio > a->worst ? ratio : a->worst;
    a->product *= ratio;
    a->reference_product *= (double)reference / (double)opt;
    a->points++;
}

TEST(kernel_policy_meets_the_targets_on_the_shared_traces)
{
    static const char *const paper[] = { "cs", "cpp", "gli", "ps", "sprite", "multi1", "multi2", "multi3",
                                         "2_pools", "loop" };
    struct against_opt a = { 1, 1, 0, 0 };
    for (unsigned i = 0; i < sizeof(paper) / sizeof(paper[0]); i++)
        at_each_size(paper[i], against_opt, &a);
    if (a.points == 0) { /* a clone without ../shared beside it: nothing to measure */
        printf("# no shared traces: skipped\n");
        return;
    }
    /* Geometric means at most 1.16 (kernel) and below 1.17 (reference): products under the bounds. */
    double bound = 1, reference_bound = 1;
    for (unsigned i = 0; i < a.points; i++) {
        bound *= 1.16;
        reference_bound *= 1.17;
    }
    CHECK(a.product <= bound && a.worst <= 2.0 && a.reference_product < reference_bound);
    printf("# %u points, worst %.3f\n", a.points, a.worst);
}

static void near_clock(void *ctx, const struct trace *t, uint32_t frames)
{
    (void)ctx;
    CHECK(sim_faults(SIM_KERNEL, t, frames) * 100 <= sim_faults(SIM_CLOCK, t, frames) * 110);
}

TEST(kernel_policy_stays_near_clock_on_sprite_and_zigzag)
{
    at_each_size("sprite", near_clock, 0);
    at_each_size("zigzag", near_clock, 0);
}
