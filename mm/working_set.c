#include "mm/working_set.h"

#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/mm_counters.h"
#include "mm/page_table.h"
#include "mm/ws_policy.h"

#define WS_TRIM_AT_LIMIT 16

static struct ws_policy policy;
static uint32_t limit;

uint32_t ws_storage_bytes(uint32_t capacity)
{
    return WS_POLICY_WORDS(capacity) * 4;
}

void ws_init(uint32_t *storage, uint32_t capacity, uint32_t max_pages)
{
    ws_policy_init(&policy, storage, capacity);
    limit = max_pages;
}

void ws_add(uint32_t va, uint32_t pfn)
{
    if (policy.count >= limit)
        ws_trim(WS_TRIM_AT_LIMIT);
    pfn_entry(frames_db(), pfn)->ws_handle = ws_policy_insert(&policy, va);
}

void ws_remove(uint32_t pfn)
{
    ws_policy_remove(&policy, pfn_entry(frames_db(), pfn)->ws_handle);
}

static bool test_and_clear_accessed(void *ctx, uint32_t va)
{
    (void)ctx;
    uint32_t pte = *pte_of(va);
    if (!(pte & PTE_ACCESSED))
        return false;
    pte_store(va, pte & ~PTE_ACCESSED);
    return true;
}

/* The page leaves memory: its PTE goes to transition (or back to demand-zero). */
static void trim_page(uint32_t va)
{
    uint32_t pte = *pte_of(va), pfn = pte_payload(pte);
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    ws_policy_remove(&policy, e->ws_handle);
    if (!(pte & PTE_DIRTY) && e->slot == PFN_NO_SLOT) {
        /* Never written and never paged out: its contents are still all zeros. */
        pte_store(va, pte_make_software(PTE_KIND_DEMAND_ZERO, 0));
        frame_release(pfn);
    } else {
        pte_store(va, pte_make_software(PTE_KIND_TRANSITION, pfn));
        pfn_move(frames_db(), pfn, (pte & PTE_DIRTY) ? PFN_MODIFIED : PFN_STANDBY);
    }
    mm_counters.trimmed++;
}

uint32_t ws_trim(uint32_t n)
{
    uint32_t done = 0;
    for (; done < n; done++) {
        uint32_t h = ws_policy_victim(&policy, test_and_clear_accessed, 0);
        if (h == WS_NONE)
            break;
        trim_page(ws_policy_key(&policy, h));
    }
    return done;
}

uint32_t ws_count(void)
{
    return policy.count;
}

uint32_t ws_limit(void)
{
    return limit;
}
