/* libFuzzer target for the working set's replacement policy (mm/ws_policy.c): each input picks a
 * capacity and a limit, then a program of inserts (keys from a small set, so evicted pages come back
 * and meet their history), evictions, removals, forgets, touches (a page's accessed bit set), victim
 * choices, limit changes and turns of its storage being refused, run against a model that keeps each
 * handle's key and accessed bit; the policy grows its storage a step (the input's) at a time. The
 * policy must give handles below its capacity that no present page holds, refuse an insert only when
 * full (at its capacity, or at the handles it has while storage is refused), keep each key under its
 * handle, keep its history within the entries it has, ask about present pages only, once an insert (the page
 * brought in before it) and a bounded number of times a victim search, name as victim a present page whose accessed bit it has just found clear,
 * remember no present, removed or forgotten page and at most three evicted pages per frame of its
 * limit, and empty the set in exactly as many evictions as it holds pages. */
#include "kernel/lib/kstring.h"
#include "mm/ws_policy.h"
#include "tests/fuzz/fuzz_input.h"

#define MAX_CAPACITY 64
#define KEYS (3 * MAX_CAPACITY) /* keys are page addresses: key k is k << 12 */

static struct ws_policy policy;
static uint32_t storage[WS_POLICY_WORDS(MAX_CAPACITY)];
static struct {
    bool present, accessed;
    uint32_t key;
} model[MAX_CAPACITY];
static uint32_t count, questions;
static bool refusing;

static bool back(void *ctx, void *start, uint32_t bytes)
{
    (void)ctx;
    uint8_t *end = (uint8_t *)(storage + WS_POLICY_WORDS(policy.capacity));
    FUZZ_CHECK((uint32_t *)start >= storage && (uint8_t *)start + bytes <= end, "storage asked for outside it");
    return !refusing;
}

/* Keys are unique among present pages, so a key names its handle in the model. */
static uint32_t handle_of(uint32_t key)
{
    for (uint32_t h = 0; h < policy.capacity; h++)
        if (model[h].present && model[h].key == key)
            return h;
    return WS_NONE;
}

static bool accessed(void *ctx, uint32_t key)
{
    (void)ctx;
    uint32_t h = handle_of(key);
    FUZZ_CHECK(h != WS_NONE, "asked about key 0x%08X, not in the set", key);
    /* A victim search runs HAND_hot at most three times, each asking about a hot page at most nine
     * times (once found referenced, seven times counting down, once turning it cold), and HAND_cold
     * asks about a cold page at most twice; one more question is about the page brought in last. */
    FUZZ_CHECK(++questions <= 29 * policy.capacity + 1, "victim search past its bound");
    bool was = model[h].accessed;
    model[h].accessed = false;
    return was;
}

static uint32_t present_handle(struct fuzz_input *in)
{
    uint32_t h = fuzz_below(in, policy.capacity);
    for (uint32_t tries = 0; tries < policy.capacity; tries++, h = (h + 1) % policy.capacity)
        if (model[h].present)
            return h;
    return WS_NONE;
}

static void insert(struct fuzz_input *in)
{
    uint32_t key = fuzz_below(in, KEYS) << 12; /* never WS_NONE */
    if (handle_of(key) != WS_NONE)
        return; /* the kernel never adds a page that is in the set */
    questions = 0;
    uint32_t h = ws_policy_insert(&policy, key);
    bool full = count == policy.capacity || (refusing && count == policy.handles_ready);
    FUZZ_CHECK((h == WS_NONE) == full, "insert gave %u with %u of %u present", h, count, policy.capacity);
    if (h == WS_NONE)
        return;
    FUZZ_CHECK(h < policy.capacity && !model[h].present, "handle %u given twice", h);
    FUZZ_CHECK(!ws_policy_remembers(&policy, key), "key 0x%08X both present and in the history", key);
    model[h].present = true;
    model[h].accessed = true; /* the faulting access */
    model[h].key = key;
    count++;
}

static void take_out(uint32_t h, bool evicted)
{
    uint32_t key = model[h].key;
    if (evicted)
        ws_policy_evict(&policy, h);
    else
        ws_policy_remove(&policy, h);
    model[h].present = false;
    count--;
    if (!evicted)
        FUZZ_CHECK(!ws_policy_remembers(&policy, key), "removed key 0x%08X still in the history", key);
}

static uint32_t victim(void)
{
    questions = 0;
    uint32_t h = ws_policy_victim(&policy);
    FUZZ_CHECK((h == WS_NONE) == (count == 0), "victim %u with %u present", h, count);
    if (h != WS_NONE)
        FUZZ_CHECK(h < policy.capacity && model[h].present && !model[h].accessed, "victim %u: absent or accessed",
                   h);
    return h;
}

static void agrees(void)
{
    FUZZ_CHECK(policy.count == count, "count %u, model %u", policy.count, count);
    FUZZ_CHECK(policy.history <= WS_HISTORY_PER_FRAME * policy.limit, "history %u over %u frames", policy.history,
               policy.limit);
    FUZZ_CHECK(policy.unused_entry <= policy.entries_ready && policy.unused_handle <= policy.handles_ready,
               "entries in use beyond the storage");
    for (uint32_t h = 0; h < policy.capacity; h++)
        if (model[h].present)
            FUZZ_CHECK(ws_policy_key(&policy, h) == model[h].key, "handle %u lost key 0x%08X", h, model[h].key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size, 0 };
    uint32_t capacity = 1 + fuzz_below(&in, MAX_CAPACITY);
    ws_policy_init(&policy, storage, capacity, back, accessed, 0);
    ws_policy_set_limit(&policy, 1 + fuzz_below(&in, capacity));
    refusing = false;
    memset(model, 0, sizeof(model));
    count = 0;
    while (fuzz_more(&in)) {
        uint32_t h;
        uint8_t op = fuzz_byte(&in);
        switch (op < 27 * 9 ? op % 9 : 9) { /* the storage's turn takes the top bytes: older inputs keep their sense */
        case 0:
        case 1:
            insert(&in);
            break;
        case 2:
            if ((h = present_handle(&in)) != WS_NONE)
                take_out(h, false);
            break;
        case 3:
            if ((h = present_handle(&in)) != WS_NONE)
                model[h].accessed = true;
            break;
        case 4:
            victim();
            break;
        case 5:
        case 6: /* evict: the victim leaves memory */
            if ((h = victim()) != WS_NONE)
                take_out(h, true);
            break;
        case 7: { /* a page out of the set is freed */
            uint32_t key = fuzz_below(&in, KEYS) << 12;
            if (handle_of(key) == WS_NONE) {
                ws_policy_forget(&policy, key);
                FUZZ_CHECK(!ws_policy_remembers(&policy, key), "forgotten key 0x%08X remembered", key);
            }
            break;
        }
        case 8:
            ws_policy_set_limit(&policy, 1 + fuzz_below(&in, capacity));
            break;
        case 9: /* storage refused from now on, or given again; the policy grows by another step */
            refusing = !refusing;
            policy.grow_step = 1 + fuzz_below(&in, capacity);
            break;
        }
        agrees();
    }
    /* Nothing lost: evicting until the set is empty takes exactly as many victims as it holds pages. */
    for (uint32_t left = count; left; left--)
        take_out(victim(), true);
    FUZZ_CHECK(victim() == WS_NONE, "a victim from an empty set");
    agrees();
    return 0;
}
