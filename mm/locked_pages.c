#include "mm/locked_pages.h"

#include "kernel/bugcheck.h"
#include "mm/frames.h"
#include "mm/mm_lock.h"
#include "mm/page_table.h"
#include "mm/resident.h"
#include "mm/working_set.h"

bool locked_pages_hold(uint32_t pfn)
{
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    if (e && e->state == PFN_LOCKED) {
        e->locks++;
    } else if (e && e->state == PFN_ACTIVE) {
        if (!resident_charge(1))
            return false;
        ws_remove(pfn);
        pfn_move(frames_db(), pfn, PFN_LOCKED);
        e->locks = 1;
    } /* else nonpaged (or not RAM): resident whatever happens */
    return true;
}

void locked_pages_adopt(uint32_t pfn)
{
    pfn_move(frames_db(), pfn, PFN_LOCKED);
    pfn_entry(frames_db(), pfn)->locks = 1;
}

void locked_pages_release(uint32_t va, uint32_t pfn)
{
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    if (e && e->state == PFN_ACTIVE)
        KeBugCheckEx(BUGCHECK_PFN_LIST_CORRUPT, PFN_LIST_CORRUPT_UNLOCKED_TOO_OFTEN, pfn, 0, 0);
    if (!e || e->state != PFN_LOCKED || --e->locks)
        return;
    pfn_move(frames_db(), pfn, PFN_ACTIVE);
    ws_add(va, e);
    resident_return(1);
}

void locked_pages_drop(uint32_t pfn)
{
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    if (e && e->state == PFN_LOCKED) {
        pfn_move(frames_db(), pfn, PFN_KERNEL);
        e->run = 0;
    }
}

/* Whether a touch brings the page in: a pageable page that is out (anything else would be a stop). */
static bool pageable_out(uint32_t pte)
{
    enum pte_kind kind = pte_kind_of(pte);
    return kind == PTE_KIND_DEMAND_ZERO || kind == PTE_KIND_TRANSITION || kind == PTE_KIND_PAGEFILE;
}

NTSTATUS locked_pages_probe(uint32_t va, bool write, ULONG *pfn)
{
    for (;;) {
        KIRQL lock = mm_lock();
        uint32_t pte = page_table_present(va) ? *pte_of(va) : 0;
        NTSTATUS status = STATUS_ACCESS_VIOLATION;
        if ((pte & PTE_VALID) && (!write || (pte & PTE_WRITE))) {
            *pfn = pte_payload(pte);
            status = locked_pages_hold(*pfn) ? STATUS_SUCCESS : STATUS_WORKING_SET_QUOTA;
        }
        mm_unlock(lock);
        if ((pte & PTE_VALID) || !pageable_out(pte))
            return status;
        (void)*(volatile uint8_t *)va; /* out: the page-fault path brings it back, then lock it */
    }
}
