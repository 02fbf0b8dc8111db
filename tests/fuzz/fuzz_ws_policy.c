/* libFuzzer target for the working set's replacement policy (mm/ws_policy.c): each input picks a
 * capacity, then a program of inserts, removes, touches (a page's accessed bit set) and victim
 * choices, run against a model that keeps each handle's key and accessed bit. The policy must give
 * handles below its capacity that no present page holds, refuse an insert only when full, keep each
 * key under its handle, ask about present pages only, name as victim a present page whose accessed
 * bit it has just found clear, and empty the set in exactly as many evictions as it holds pages. */
#include "kernel/lib/kstring.h"
#include "mm/ws_policy.h"
#include "tests/fuzz/fuzz_input.h"

#define MAX_CAPACITY 64

static struct ws_policy policy;
static uint32_t storage[WS_POLICY_WORDS(MAX_CAPACITY)];
static struct {
    bool present, accessed;
    uint32_t key;
} model[MAX_CAPACITY];
static uint32_t count, next_key, questions;

/* Keys are unique page addresses, so a key names its handle in the model. */
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
    FUZZ_CHECK(++questions <= 2 * policy.capacity + 1, "victim search past two sweeps");
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
    uint32_t key = (next_key++ << 12) | fuzz_below(in, 4) << 10; /* never WS_NONE */
    uint32_t h = ws_policy_insert(&policy, key);
    FUZZ_CHECK((h == WS_NONE) == (count == policy.capacity), "insert gave %u with %u of %u present", h, count,
               policy.capacity);
    if (h == WS_NONE)
        return;
    FUZZ_CHECK(h < policy.capacity && !model[h].present, "handle %u given twice", h);
    model[h].present = true;
    model[h].accessed = fuzz_byte(in) & 1;
    model[h].key = key;
    count++;
}

static void remove_handle(uint32_t h)
{
    ws_policy_remove(&policy, h);
    model[h].present = false;
    count--;
}

static uint32_t victim(void)
{
    questions = 0;
    uint32_t h = ws_policy_victim(&policy, accessed, 0);
    FUZZ_CHECK((h == WS_NONE) == (count == 0), "victim %u with %u present", h, count);
    if (h != WS_NONE)
        FUZZ_CHECK(h < policy.capacity && model[h].present && !model[h].accessed, "victim %u: absent or accessed",
                   h);
    return h;
}

static void agrees(void)
{
    FUZZ_CHECK(policy.count == count, "count %u, model %u", policy.count, count);
    for (uint32_t h = 0; h < policy.capacity; h++)
        if (model[h].present)
            FUZZ_CHECK(ws_policy_key(&policy, h) == model[h].key, "handle %u lost key 0x%08X", h, model[h].key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size, 0 };
    ws_policy_init(&policy, storage, 1 + fuzz_below(&in, MAX_CAPACITY));
    memset(model, 0, sizeof(model));
    count = next_key = 0;
    while (fuzz_more(&in)) {
        uint32_t h;
        switch (fuzz_byte(&in) % 6) {
        case 0:
        case 1:
            insert(&in);
            break;
        case 2:
            if ((h = present_handle(&in)) != WS_NONE)
                remove_handle(h);
            break;
        case 3:
            if ((h = present_handle(&in)) != WS_NONE)
                model[h].accessed = true;
            break;
        case 4:
            victim();
            break;
        case 5: /* evict: the victim leaves the set */
            if ((h = victim()) != WS_NONE)
                remove_handle(h);
            break;
        }
        agrees();
    }
    /* Nothing lost: evicting until the set is empty takes exactly as many victims as it holds pages. */
    for (uint32_t left = count; left; left--)
        remove_handle(victim());
    FUZZ_CHECK(victim() == WS_NONE, "a victim from an empty set");
    agrees();
    return 0;
}
