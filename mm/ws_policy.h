/* The replacement policy of the system working set: a set of at most `capacity` resident keys (page
 * addresses in the kernel, page numbers in pagesim), each with a handle, a bounded history of keys
 * evicted lately, and the choice of a victim from the pages' accessed bits. Pure, so pagesim and the
 * host tests run exactly the kernel's code.
 *
 * It follows adaptive CLOCK-Pro (Jiang, Chen and Zhang, USENIX 2005): one clock holds hot pages,
 * resident cold pages and non-resident cold pages in their test period; HAND_cold evicts cold pages,
 * HAND_hot turns hot pages cold, HAND_test ends test periods; a cold page referenced in its test
 * period becomes hot, and the cold pages' share adapts to how test periods end. Where it departs
 * (ws_policy.c says why, docs/memory-manager.md shows the measurements):
 * - it sees only the accessed bit, which the faulting access itself sets. While promotions pay off
 *   (the promoted page is referenced again before HAND_hot comes round), a page brought in starts its
 *   test period at once, as in the paper, and its fault's bit is cleared at the next fault; while they
 *   do not, it starts cold outside a test period and HAND_cold's first visit, finding the fault's bit,
 *   starts one (the page gets a second round, as CLOCK gives it);
 * - a hot page counts HAND_hot's visits that find it referenced (up to 7, less one per visit that does
 *   not) and is turned cold only at zero; HAND_cold, passing hot pages on its way to a victim, counts
 *   the references it finds too;
 * - promotions do not wait for HAND_hot: it runs up to twice a fault while the hot pages take more
 *   than their share;
 * - the history holds up to three non-resident pages a frame (the paper: one);
 * - HAND_hot moves the hot pages it passes to the list head, as the authors' simulator does;
 * - the cold share moves by two pages per test-period outcome (the paper: one). */
#ifndef PAGODA_MM_WS_POLICY_H
#define PAGODA_MM_WS_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define WS_NONE 0xFFFFFFFFu
/* Non-resident pages remembered, per frame of the limit. */
#define WS_HISTORY_PER_FRAME 3
/* Storage a policy of that capacity needs at most, in 32-bit words: per resident handle and history
 * entry its key and clock links (12 words a frame), the history's hash chains (3) and buckets (1.5, one
 * per two entries) and a byte of state per entry (1): 70 bytes a frame. */
#define WS_POLICY_WORDS(capacity) (35u * (capacity) / 2u + 2u)
/* The policy uses its storage as it needs it: handles and history entries this many at a time (a page
 * of each table), the hash table sized to the history so far and rebuilt as it grows. */
#define WS_GROW_STEP 1024u

/* Returns whether key's page was referenced since the last call, and clears that. */
typedef bool (*ws_test_and_clear_accessed)(void *ctx, uint32_t key);
/* Makes [start, start + bytes) of the storage usable (the kernel maps pages there), or returns false
 * when it cannot: the policy then stays at the handles and history it has. It must not call the policy.
 * Parts already usable may be asked for again. */
typedef bool (*ws_back_storage)(void *ctx, void *start, uint32_t bytes);

struct ws_policy {
    /* Entries 0..capacity-1 are the resident pages' handles, the rest history entries. */
    uint32_t *key, *next, *prev; /* the clock: next leads from older to newer, the hands follow it */
    uint32_t *chain, *bucket;    /* the history's hash table (chain is per history entry) */
    uint8_t *state;
    uint32_t capacity, entries, buckets;
    ws_test_and_clear_accessed accessed;
    ws_back_storage back; /* null: the storage is all usable */
    void *ctx;
    /* Storage in use: handles below handles_ready, history entries capacity..entries_ready-1, taken
     * grow_step at a time; before the history has any, the hash table is the one empty bucket. */
    uint32_t handles_ready, entries_ready, grow_step, buckets_max, no_bucket;
    uint32_t limit;           /* the frames the policy shares out: capacity unless set lower */
    uint32_t count, hot, cold, history, in_test;
    uint32_t cold_target, cold_min, cold_max, history_max;
    uint32_t head, hand_hot, hand_cold, hand_test; /* head: the newest entry */
    uint32_t free_handle, free_entry, unused_handle, unused_entry;
    /* Decisions (no storage per frame): the last page brought in, whose fault's accessed bit the next
     * fault clears, and whether promotions pay off (ws_policy.c). */
    uint32_t fresh;
    int32_t payoff;
};

/* storage: WS_POLICY_WORDS(capacity) words, used as the policy needs them (back, unless null, asked
 * first) and never given back: a new init over the same storage asks again for what it uses, and back
 * must then say yes to what it gave before. ctx goes to both hooks. */
void ws_policy_init(struct ws_policy *p, uint32_t *storage, uint32_t capacity, ws_back_storage back,
                    ws_test_and_clear_accessed accessed, void *ctx);
/* The frames shared out (1..capacity): sizes the cold share's bounds and the history. */
void ws_policy_set_limit(struct ws_policy *p, uint32_t limit);
/* The next step of handles made usable; false at the capacity or when the storage cannot be had. */
bool ws_policy_grow_handles(struct ws_policy *p);
/* The new page's handle, or WS_NONE when the set is full (at its capacity, or at the handles it has
 * storage for). key is never WS_NONE and not in the set. */
uint32_t ws_policy_insert(struct ws_policy *p, uint32_t key);
/* The page to evict (still in the set), or WS_NONE when the set is empty. */
uint32_t ws_policy_victim(struct ws_policy *p);
/* The page leaves memory: remembered while its test period lasts. */
void ws_policy_evict(struct ws_policy *p, uint32_t handle);
/* The page is freed: it leaves the set and is not remembered. */
void ws_policy_remove(struct ws_policy *p, uint32_t handle);
/* A page not in the set is freed: any history of it goes. */
void ws_policy_forget(struct ws_policy *p, uint32_t key);
/* The key of a handle in the set, WS_NONE for a free one. */
uint32_t ws_policy_key(const struct ws_policy *p, uint32_t handle);
/* Whether key is remembered as evicted lately. */
bool ws_policy_remembers(const struct ws_policy *p, uint32_t key);

#endif
