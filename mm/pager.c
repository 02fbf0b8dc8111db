#include "mm/pager.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/hyperspace.h"
#include "mm/mm_counters.h"
#include "mm/page_table.h"

#define STATUS_DEVICE_DATA_ERROR 0xC000009Cu
#define STATUS_CRC_ERROR 0xC000003Fu

static struct pagefile pagefile;

void pager_init(struct block_device *disk, uint32_t *slot_bitmap, uint32_t *checksums)
{
    pagefile_init(&pagefile, disk, slot_bitmap, checksums);
}

struct pagefile *pager_pagefile(void)
{
    return &pagefile;
}

bool pager_write_frame(uint32_t pfn)
{
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    if (e->slot == PFN_NO_SLOT) {
        uint32_t slot = pagefile_slot_alloc(&pagefile);
        if (slot == BITMAP_NONE)
            return false;
        e->slot = slot;
    }
    void *page = hyperspace_map(pfn);
    enum pagefile_status st = pagefile_write(&pagefile, e->slot, page);
    hyperspace_unmap(page);
    if (st != PAGEFILE_OK)
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, 0x2000, e->slot, pfn, 0);
    mm_counters.pageouts++;
    return true;
}

void pager_read_frame(uint32_t slot, uint32_t pfn, uint32_t va)
{
    void *page = hyperspace_map(pfn);
    enum pagefile_status st = pagefile_read(&pagefile, slot, page);
    hyperspace_unmap(page);
    if (st != PAGEFILE_OK)
        KeBugCheckEx(BUGCHECK_KERNEL_DATA_INPAGE_ERROR, pte_address(va),
                     st == PAGEFILE_BAD_CHECKSUM ? STATUS_CRC_ERROR : STATUS_DEVICE_DATA_ERROR, *pte_of(va), va);
    mm_counters.pageins++;
}
