/* Adaptive CLOCK-Pro on the accessed bit (ws_policy.h lists where it departs from the paper).
 *
 * One circular list, the clock, holds resident pages (entries 0..capacity-1, their handles) and
 * history entries (non-resident cold pages in their test period). Pages are placed at the head, the
 * newest end; the three hands go round from the oldest end towards the head:
 * - HAND_cold looks for a resident cold page without a reference: the victim. A cold page with a
 *   reference becomes hot if it is in its test period, else starts one; either way it goes to the head.
 *   A hot page it passes with a reference counts it, as at HAND_hot's visits.
 * - HAND_hot turns cold the first hot page it finds without a reference and with its count of
 *   references at zero; every hot page it passes goes to the head (a referenced one counts up, an
 *   unreferenced one counts down), every test period it passes ends. It runs at most twice a fault,
 *   while the hot pages take more than their share.
 * - HAND_test ends the oldest test period when the history is full.
 * A test period that ends without a reference shrinks the cold share, a reference in it grows it.
 * Every step is a few list operations; the hands move forward only, so a sweep is paid for by the
 * pages it passes (HAND_hot passes a hot page at most once per reference it counted, plus once). */
#include "mm/ws_policy.h"

#include "kernel/lib/kstring.h"

#define S_USED 1 /* a resident page, or a history entry in use */
#define S_HOT 2
#define S_TEST 4     /* in its test period; every history entry is */
#define S_PROMOTED 8 /* hot since its test period, not yet seen by HAND_hot */
/* A hot page's count of HAND_hot's visits that found it referenced, less those that did not: HAND_hot
 * turns it cold only at zero, so a page referenced at every visit for a while outlasts a pause in its
 * use (a hot page's frequency, as GCLOCK keeps it). Three bits of the state byte. */
#define REFS_SHIFT 4
#define REFS_MAX 7u
#define REFS_MASK (REFS_MAX << REFS_SHIFT)

/* The cold share moves by this much per test-period outcome: twice the paper's step, so it follows a
 * change of pattern (LRU-friendly stretches especially) in half the faults. */
#define ADAPT_STEP 2
#define COLD_MIN_PERCENT 1
/* HAND_hot's runs per fault, while the hot pages take more than their share: promotions do not wait
 * for it, so a burst of them costs the hot pages only two demotions a fault. */
#define HAND_HOT_RUNS 2
/* Whether promotions pay off (the page was referenced again by HAND_hot's next visit): a count that
 * rises by 4 for one that did and falls by 1 for one that did not, between -15 and 15. While it is not
 * negative (more than a fifth pay off), a page brought in starts its test period at once; below, as a
 * cold page first found referenced. */
#define PAYOFF_GAIN 4
#define PAYOFF_MAX 15

static bool is_handle(const struct ws_policy *p, uint32_t e)
{
    return e < p->capacity;
}

static inline uint32_t bucket_of(const struct ws_policy *p, uint32_t key)
{
    return (uint32_t)(((uint64_t)(key * 0x9E3779B1u) * p->buckets) >> 32);
}

void ws_policy_init(struct ws_policy *p, uint32_t *storage, uint32_t capacity, ws_back_storage back,
                    ws_test_and_clear_accessed accessed, void *ctx)
{
    uint32_t history = WS_HISTORY_PER_FRAME * capacity;
    *p = (struct ws_policy){
        .capacity = capacity,
        .entries = capacity + history,
        .buckets = 1,
        .accessed = accessed,
        .back = back,
        .ctx = ctx,
        .entries_ready = capacity,
        .grow_step = WS_GROW_STEP,
        .buckets_max = history / 2 ? history / 2 : 1,
        .no_bucket = WS_NONE,
        .head = WS_NONE,
        .hand_hot = WS_NONE,
        .hand_cold = WS_NONE,
        .hand_test = WS_NONE,
        .free_handle = WS_NONE,
        .free_entry = WS_NONE,
        .unused_entry = capacity,
    };
    p->key = storage;
    p->next = p->key + p->entries;
    p->prev = p->next + p->entries;
    p->chain = p->prev + p->entries;
    p->bucket = &p->no_bucket; /* the table (after the chains) is used once the history has entries */
    p->state = (uint8_t *)(p->chain + history + p->buckets_max);
    ws_policy_set_limit(p, capacity);
}

static void adapt(struct ws_policy *p, bool grow)
{
    if (grow)
        p->cold_target = p->cold_target + ADAPT_STEP < p->cold_max ? p->cold_target + ADAPT_STEP : p->cold_max;
    else
        p->cold_target = p->cold_target > p->cold_min + ADAPT_STEP ? p->cold_target - ADAPT_STEP : p->cold_min;
}

static uint32_t tail(const struct ws_policy *p)
{
    return p->next[p->head];
}

static inline void link_head(struct ws_policy *p, uint32_t e)
{
    if (p->head == WS_NONE) {
        p->next[e] = p->prev[e] = e;
    } else {
        p->prev[e] = p->head;
        p->next[e] = p->next[p->head];
        p->prev[p->next[p->head]] = e;
        p->next[p->head] = e;
    }
    p->head = e;
}

/* Out of the clock; a hand on it moves on to the next entry. */
static void take_out(struct ws_policy *p, uint32_t e)
{
    uint32_t after = p->next[e] == e ? WS_NONE : p->next[e];
    uint32_t *const hands[] = { &p->hand_hot, &p->hand_cold, &p->hand_test };
    for (unsigned i = 0; i < 3; i++)
        if (*hands[i] == e)
            *hands[i] = after;
    if (p->head == e)
        p->head = after == WS_NONE ? WS_NONE : p->prev[e];
    if (after != WS_NONE) {
        p->next[p->prev[e]] = after;
        p->prev[after] = p->prev[e];
    }
}

static void move_head(struct ws_policy *p, uint32_t e)
{
    take_out(p, e);
    link_head(p, e);
}

static void hash_add(struct ws_policy *p, uint32_t e)
{
    uint32_t b = bucket_of(p, p->key[e]);
    p->chain[e - p->capacity] = p->bucket[b];
    p->bucket[b] = e;
}

static inline uint32_t hash_find(const struct ws_policy *p, uint32_t key)
{
    for (uint32_t e = p->bucket[bucket_of(p, key)]; e != WS_NONE; e = p->chain[e - p->capacity])
        if (p->key[e] == key)
            return e;
    return WS_NONE;
}

static void hash_remove(struct ws_policy *p, uint32_t e)
{
    uint32_t *link = &p->bucket[bucket_of(p, p->key[e])];
    while (*link != e)
        link = &p->chain[*link - p->capacity];
    *link = p->chain[e - p->capacity];
}

static void drop_history(struct ws_policy *p, uint32_t e)
{
    take_out(p, e);
    hash_remove(p, e);
    p->state[e] = 0;
    p->next[e] = p->free_entry;
    p->free_entry = e;
    p->history--;
    p->in_test--;
}

/* A test period runs out without a reference: the cold share was more than this page needed. */
static void end_test(struct ws_policy *p, uint32_t e)
{
    adapt(p, false);
    if (is_handle(p, e)) {
        p->state[e] &= (uint8_t)~S_TEST;
        p->in_test--;
    } else {
        drop_history(p, e);
    }
}

static bool referenced(struct ws_policy *p, uint32_t e)
{
    return p->accessed(p->ctx, p->key[e]);
}

/* The entry under a hand (the oldest, for a hand not yet placed), and the hand moved past it. */
static uint32_t advance(struct ws_policy *p, uint32_t *hand)
{
    if (*hand == WS_NONE)
        *hand = tail(p);
    uint32_t e = *hand;
    *hand = p->next[e];
    return e;
}

/* HAND_hot's first visit to a promoted page: was it referenced again? */
static void judge_promotion(struct ws_policy *p, uint32_t e, bool was_referenced)
{
    p->state[e] &= (uint8_t)~S_PROMOTED;
    if (was_referenced)
        p->payoff = p->payoff + PAYOFF_GAIN < PAYOFF_MAX ? p->payoff + PAYOFF_GAIN : PAYOFF_MAX;
    else if (p->payoff > -PAYOFF_MAX)
        p->payoff--;
}

static uint32_t refs_of(const struct ws_policy *p, uint32_t e)
{
    return (p->state[e] & REFS_MASK) >> REFS_SHIFT;
}

static void set_refs(struct ws_policy *p, uint32_t e, uint32_t refs)
{
    p->state[e] = (uint8_t)((p->state[e] & ~REFS_MASK) | refs << REFS_SHIFT);
}

/* HAND_cold passing a hot page: a reference it finds counts (and is cleared) as at HAND_hot's visit, so
 * a page used at every pass of either hand gathers count where HAND_hot alone would see one reference a
 * round; HAND_cold passes the hot pages anyway, and goes round more often. A page whose promotion
 * HAND_hot has yet to judge keeps its bit for that judgement. */
static void count_passing_hot(struct ws_policy *p, uint32_t e)
{
    if (!(p->state[e] & S_PROMOTED) && referenced(p, e) && refs_of(p, e) < REFS_MAX)
        set_refs(p, e, refs_of(p, e) + 1);
}

/* HAND_hot, when there are hot pages: one of them turns cold. */
static void run_hand_hot(struct ws_policy *p)
{
    for (;;) {
        uint32_t e = advance(p, &p->hand_hot);
        if (p->state[e] & S_HOT) {
            bool was_referenced = referenced(p, e);
            uint32_t refs = refs_of(p, e);
            if (p->state[e] & S_PROMOTED)
                judge_promotion(p, e, was_referenced);
            move_head(p, e);
            if (was_referenced && refs < REFS_MAX)
                refs++;
            else if (!was_referenced && refs > 0)
                refs--;
            else if (!was_referenced) {
                p->state[e] &= (uint8_t)~S_HOT;
                p->hot--;
                p->cold++;
                return;
            }
            set_refs(p, e, refs);
        } else if (p->state[e] & S_TEST) {
            end_test(p, e);
        }
    }
}

/* HAND_test, when some page is in its test period: the oldest test period ends. */
static void run_hand_test(struct ws_policy *p)
{
    for (;;) {
        uint32_t e = advance(p, &p->hand_test);
        if (p->state[e] & S_TEST) {
            end_test(p, e);
            return;
        }
    }
}

/* Storage as the policy grows into it. Entries are handed out in order (free ones first), so what is in
 * use is a prefix of the handles and one of the history entries: nothing is filled ahead of use, and
 * boot does not grow with the capacity. */
static bool back(struct ws_policy *p, void *start, uint32_t bytes)
{
    return !p->back || p->back(p->ctx, start, bytes);
}

/* Entries from..to-1 of every per-entry table (the chains too, for history entries). */
static bool back_entries(struct ws_policy *p, uint32_t from, uint32_t to)
{
    uint32_t n = to - from;
    return back(p, p->key + from, n * 4) && back(p, p->next + from, n * 4) && back(p, p->prev + from, n * 4) &&
           back(p, p->state + from, n) && (from < p->capacity || back(p, p->chain + (from - p->capacity), n * 4));
}

/* Where a step from ready ends: grow_step further, or at end. */
static uint32_t step_end(const struct ws_policy *p, uint32_t ready, uint32_t end)
{
    return end - ready < p->grow_step ? end : ready + p->grow_step;
}

bool ws_policy_grow_handles(struct ws_policy *p)
{
    uint32_t to = step_end(p, p->handles_ready, p->capacity);
    if (to == p->handles_ready || !back_entries(p, p->handles_ready, to))
        return false;
    p->handles_ready = to;
    return true;
}

/* The hash table at a new size, every history entry in it again (chains are in no particular order). */
static void rehash(struct ws_policy *p, uint32_t buckets)
{
    p->bucket = p->chain + (p->entries - p->capacity);
    p->buckets = buckets;
    memset(p->bucket, 0xFF, buckets * sizeof *p->bucket); /* WS_NONE is all ones */
    for (uint32_t e = p->capacity; e < p->unused_entry; e++)
        if (p->state[e] & S_USED)
            hash_add(p, e);
}

/* The next step of history entries, the hash table doubled when they pass two a bucket. */
static bool grow_history(struct ws_policy *p)
{
    uint32_t to = step_end(p, p->entries_ready, p->entries), history = to - p->capacity;
    if (to == p->entries_ready || !back_entries(p, p->entries_ready, to))
        return false;
    if (history > 2 * p->buckets && p->buckets < p->buckets_max) {
        uint32_t buckets = history / 2 > 2 * p->buckets ? history / 2 : 2 * p->buckets;
        if (buckets > p->buckets_max)
            buckets = p->buckets_max;
        if (!back(p, p->chain + (p->entries - p->capacity), buckets * sizeof *p->bucket))
            return false;
        rehash(p, buckets);
    }
    p->entries_ready = to;
    return true;
}

/* An evicted page in its test period needs a history entry: when the history has none free and its
 * storage cannot grow, it stays at its size and HAND_test makes room, as when it is full. */
static void history_room(struct ws_policy *p, uint32_t h)
{
    if (p->free_entry != WS_NONE || p->unused_entry < p->entries_ready || p->history >= p->history_max ||
        grow_history(p))
        return;
    while (p->free_entry == WS_NONE && (p->state[h] & S_TEST))
        run_hand_test(p);
}

void ws_policy_set_limit(struct ws_policy *p, uint32_t limit)
{
    p->limit = limit;
    p->cold_min = limit * COLD_MIN_PERCENT / 100 ? limit * COLD_MIN_PERCENT / 100 : 1;
    p->cold_max = limit > p->cold_min ? limit - p->cold_min : p->cold_min;
    if (p->count == 0 && p->history == 0) { /* holding nothing, it starts as a new policy would */
        p->cold_target = p->cold_min;
        p->payoff = PAYOFF_MAX;
        p->fresh = WS_NONE;
    }
    if (p->cold_target < p->cold_min)
        p->cold_target = p->cold_min;
    if (p->cold_target > p->cold_max)
        p->cold_target = p->cold_max;
    p->history_max = WS_HISTORY_PER_FRAME * limit;
    while (p->history > p->history_max)
        run_hand_test(p);
}

/* Whether a page brought in starts its test period at once (the paper's rule): while promotions pay
 * off. Its fault set its accessed bit, so the bit is cleared at the next fault (forget_fault_bit) and a
 * reference found later is a second one. Otherwise HAND_cold's first visit starts the test period, the
 * fault's bit counted as a reference: when promotions do not pay off (a page's last reuse says little
 * of its next, as in sweeps back and forth), the new page gets that second round instead. */
static bool test_from_fault(const struct ws_policy *p)
{
    return p->payoff >= 0;
}

/* At the next fault (its victim search or its insert, whichever comes first), while test periods start
 * at the fault: the page brought in last loses its fault's bit, so a reference found later is its own. */
static void forget_fault_bit(struct ws_policy *p)
{
    if (p->fresh != WS_NONE && test_from_fault(p))
        (void)referenced(p, p->fresh);
    p->fresh = WS_NONE;
}

uint32_t ws_policy_insert(struct ws_policy *p, uint32_t key)
{
    forget_fault_bit(p);
    uint32_t h;
    if (p->free_handle != WS_NONE) {
        h = p->free_handle;
        p->free_handle = p->next[h];
    } else if (p->unused_handle < p->handles_ready || ws_policy_grow_handles(p)) {
        h = p->unused_handle++;
    } else {
        return WS_NONE;
    }
    p->key[h] = key;
    p->count++;
    uint32_t old = hash_find(p, key);
    uint8_t state = S_USED;
    if (old != WS_NONE) {
        /* Faulted back in its test period: hot, and the cold share grows. */
        adapt(p, true);
        state |= S_HOT | S_PROMOTED;
        drop_history(p, old);
    } else if (p->cold == 0 && p->hot + p->cold_target < p->limit) {
        state |= S_HOT; /* filling up: hot until the hot share is full */
    } else if (test_from_fault(p)) {
        state |= S_TEST;
    }
    p->fresh = h;
    p->state[h] = state;
    if (state & S_HOT)
        p->hot++;
    else
        p->cold++;
    if (state & S_TEST)
        p->in_test++;
    link_head(p, h);
    return h;
}

uint32_t ws_policy_victim(struct ws_policy *p)
{
    if (p->count == 0)
        return WS_NONE;
    forget_fault_bit(p);
    for (unsigned i = 0; i < HAND_HOT_RUNS && p->hot > 0 && p->hot + p->cold_target >= p->limit; i++)
        run_hand_hot(p);
    for (;;) {
        if (p->cold == 0)
            run_hand_hot(p);
        if (p->hand_cold == WS_NONE)
            p->hand_cold = tail(p);
        uint32_t e = p->hand_cold;
        bool hot = p->state[e] & S_HOT; /* a history entry never is */
        if (hot)
            count_passing_hot(p, e);
        if (hot || !is_handle(p, e)) {
            p->hand_cold = p->next[e];
            continue;
        }
        if (!referenced(p, e))
            return e;
        p->hand_cold = p->next[e];
        if (p->state[e] & S_TEST) {
            adapt(p, true);
            p->state[e] = S_USED | S_HOT | S_PROMOTED;
            p->in_test--;
            p->cold--;
            p->hot++;
        } else {
            p->state[e] |= S_TEST;
            p->in_test++;
        }
        move_head(p, e);
    }
}

static void release_handle(struct ws_policy *p, uint32_t h)
{
    if (p->fresh == h)
        p->fresh = WS_NONE;
    p->state[h] = 0;
    p->key[h] = WS_NONE;
    p->next[h] = p->free_handle;
    p->free_handle = h;
    p->count--;
}

void ws_policy_remove(struct ws_policy *p, uint32_t h)
{
    if (p->state[h] & S_HOT)
        p->hot--;
    else
        p->cold--;
    if (p->state[h] & S_TEST)
        p->in_test--;
    take_out(p, h);
    release_handle(p, h);
}

/* A history entry takes the evicted page's place in the clock, so its test period runs on unchanged. */
static void replace(struct ws_policy *p, uint32_t h, uint32_t e)
{
    if (p->next[h] == h) {
        p->next[e] = p->prev[e] = e;
    } else {
        p->next[e] = p->next[h];
        p->prev[e] = p->prev[h];
        p->prev[p->next[h]] = e;
        p->next[p->prev[h]] = e;
    }
    uint32_t *const places[] = { &p->head, &p->hand_hot, &p->hand_cold, &p->hand_test };
    for (unsigned i = 0; i < 4; i++)
        if (*places[i] == h)
            *places[i] = e;
}

void ws_policy_evict(struct ws_policy *p, uint32_t h)
{
    if (p->state[h] & S_TEST)
        history_room(p, h);
    if (p->state[h] & S_TEST)
        while (p->history >= p->history_max && (p->state[h] & S_TEST))
            run_hand_test(p);
    if (!(p->state[h] & S_TEST)) {
        ws_policy_remove(p, h);
        return;
    }
    uint32_t e;
    if (p->free_entry != WS_NONE) {
        e = p->free_entry;
        p->free_entry = p->next[e];
    } else {
        e = p->unused_entry++;
    }
    p->key[e] = p->key[h];
    p->state[e] = S_USED | S_TEST;
    replace(p, h, e);
    hash_add(p, e);
    p->history++;
    p->cold--;
    release_handle(p, h);
}

void ws_policy_forget(struct ws_policy *p, uint32_t key)
{
    uint32_t e = hash_find(p, key);
    if (e != WS_NONE)
        drop_history(p, e);
}

uint32_t ws_policy_key(const struct ws_policy *p, uint32_t handle)
{
    return handle < p->unused_handle ? p->key[handle] : WS_NONE; /* beyond: never handed out, not filled */
}

bool ws_policy_remembers(const struct ws_policy *p, uint32_t key)
{
    return hash_find(p, key) != WS_NONE;
}
