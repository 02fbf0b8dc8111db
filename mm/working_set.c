#include "mm/working_set.h"

#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/layout.h"
#include "mm/mm_counters.h"
#include "mm/page_table.h"
#include "mm/ws_policy.h"

#define STORAGE ((uint32_t *)WS_POLICY_START)
_Static_assert(WS_POLICY_WORDS(1u << 20) * 4 <= WS_POLICY_END - WS_POLICY_START,
               "the range holds the tables of a set as large as every frame below 4 GiB");

static struct ws_policy policy;
static uint32_t capacity, limit, storage_pages;

static bool test_and_clear_accessed(void *ctx, uint32_t va)
{
    (void)ctx;
    uint32_t pte = *pte_of(va);
    if (!(pte & PTE_ACCESSED))
        return false;
    pte_store(va, pte & ~PTE_ACCESSED);
    return true;
}

/* The policy's storage grows into pages mapped here as it asks. Frames come off the free, zeroed and
 * standby lists only: reclaiming could trim, and the policy is in the middle of a call. */
static bool back_storage(void *ctx, void *start, uint32_t bytes)
{
    (void)ctx;
    for (uint32_t va = (uint32_t)start & PTE_FRAME_MASK; va < (uint32_t)start + bytes; va += PAGE_SIZE) {
        if (*pte_of(va) & PTE_VALID)
            continue;
        uint32_t pfn = frame_take(PFN_KERNEL, false);
        if (pfn == PFN_NONE)
            return false;
        pfn_entry(frames_db(), pfn)->pte_va = pte_address(va);
        pte_store(va, pte_make_valid(pfn, PTE_WRITE | PTE_GLOBAL));
        storage_pages++;
    }
    return true;
}

uint32_t ws_storage_bytes(uint32_t max_pages)
{
    return WS_POLICY_WORDS(max_pages) * 4;
}

bool ws_init(uint32_t max_pages, uint32_t initial_limit)
{
    /* The page tables now, so that growing never needs more than the storage's own frames. */
    for (uint32_t va = WS_POLICY_START; va < WS_POLICY_START + ws_storage_bytes(max_pages); va += 0x400000)
        if (!page_table_ensure(va))
            return false;
    capacity = max_pages;
    ws_policy_init(&policy, STORAGE, capacity, back_storage, test_and_clear_accessed, 0);
    /* The first step of handles, mapped now: with none, the set could not take a page in to trim one. */
    if (!ws_policy_grow_handles(&policy))
        return false;
    ws_policy_set_limit(&policy, initial_limit);
    limit = initial_limit;
    return true;
}

uint32_t ws_storage_pages(void)
{
    return storage_pages;
}

void ws_add(uint32_t va, struct pfn_entry *e)
{
    /* One page out for each page in at the limit, as pagesim counts: the set stays at its limit. */
    if (policy.count >= limit)
        ws_trim(policy.count - limit + 1);
    uint32_t h = ws_policy_insert(&policy, va);
    /* The policy's storage could not grow: the set stays at its size, one page out for this one (there
     * is one: ws_init gave the set its first step of handles, and storage is never given back). */
    if (h == WS_NONE && ws_trim(1))
        h = ws_policy_insert(&policy, va);
    e->ws_handle = h;
}

void ws_remove(uint32_t pfn)
{
    ws_policy_remove(&policy, pfn_entry(frames_db(), pfn)->ws_handle);
}

void ws_forget(uint32_t va)
{
    ws_policy_forget(&policy, va);
}

bool ws_remembers(uint32_t va)
{
    return ws_policy_remembers(&policy, va);
}

/* The page leaves memory: its PTE goes to transition (or back to demand-zero). */
static void trim_page(uint32_t va)
{
    uint32_t pte = *pte_of(va), pfn = pte_payload(pte);
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    ws_policy_evict(&policy, e->ws_handle);
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
        uint32_t h = ws_policy_victim(&policy);
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

uint32_t ws_set_limit(uint32_t pages)
{
    uint32_t old = limit;
    if (policy.count > pages)
        ws_trim(policy.count - pages);
    if (policy.count == 0) /* a new regime: what the history says of the old one does not apply */
        ws_policy_init(&policy, STORAGE, capacity, back_storage, test_and_clear_accessed, 0);
    ws_policy_set_limit(&policy, pages);
    limit = pages;
    return old;
}
