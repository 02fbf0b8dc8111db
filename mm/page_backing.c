#include "mm/page_backing.h"

#include "kernel/bugcheck.h"
#include "mm/frames.h"
#include "mm/page_table.h"
#include "mm/pager.h"
#include "mm/reclaim.h"
#include "mm/resident.h"
#include "mm/working_set.h"

void page_backing_demand_zero(uint32_t va, uint32_t npages)
{
    for (uint32_t i = 0; i < npages; i++)
        pte_store(va + i * PAGE_SIZE, pte_make_software(PTE_KIND_DEMAND_ZERO, 0));
}

bool page_backing_resident(uint32_t va, uint32_t npages)
{
    if (!resident_charge(npages))
        return false;
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t page = va + i * PAGE_SIZE, pfn = reclaim_frame(PFN_KERNEL, false);
        if (pfn == PFN_NONE) {
            resident_return(npages - i);
            while (i--)
                page_backing_release(va + i * PAGE_SIZE);
            return false;
        }
        pfn_entry(frames_db(), pfn)->pte_va = pte_address(page);
        pte_store(page, pte_make_valid(pfn, PTE_WRITE | PTE_GLOBAL));
    }
    return true;
}

bool page_backing_new(uint32_t va, uint32_t npages, bool pageable)
{
    if (!pageable)
        return page_backing_resident(va, npages);
    page_backing_demand_zero(va, npages);
    return true;
}

void page_backing_release(uint32_t va)
{
    uint32_t pte = *pte_of(va);
    enum pte_kind kind = pte_kind_of(pte);
    if (kind != PTE_KIND_VALID)
        ws_forget(va); /* trimmed lately, perhaps: the replacement policy's history of it goes too */
    if (kind == PTE_KIND_VALID || kind == PTE_KIND_TRANSITION) {
        uint32_t pfn = pte_payload(pte);
        struct pfn_entry *e = pfn_entry(frames_db(), pfn);
        if (e->state == PFN_LOCKED) /* memory freed while an MDL still locks it for I/O */
            KeBugCheckEx(BUGCHECK_PFN_LIST_CORRUPT, PFN_LIST_CORRUPT_FREED_LOCKED, pfn, e->state, e->locks);
        if (e->state == PFN_ACTIVE)
            ws_remove(pfn);
        if (e->slot != PFN_NO_SLOT)
            pagefile_slot_free(pager_pagefile(), e->slot);
        if (e->state == PFN_KERNEL)
            resident_return(1);
        frame_release(pfn);
    } else if (kind == PTE_KIND_PAGEFILE) {
        pagefile_slot_free(pager_pagefile(), pte_payload(pte));
    }
    pte_store(va, 0);
}
