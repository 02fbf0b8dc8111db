#include "mm/pager.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/fault_inject.h"
#include "mm/frames.h"
#include "mm/hyperspace.h"
#include "mm/mm_counters.h"
#include "mm/page_table.h"

#define STATUS_DEVICE_DATA_ERROR 0xC000009Cu
#define STATUS_CRC_ERROR 0xC000003Fu

static struct pagefile pagefile;
static uint32_t last_write_status;

void pager_init(struct block_device *disk, uint32_t *slot_bitmap, uint32_t *checksums)
{
    pagefile_init(&pagefile, fault_inject_attach(disk), slot_bitmap, checksums);
}

uint32_t pager_last_write_status(void)
{
    return last_write_status;
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
    if (st != PAGEFILE_OK) {
        /* Nothing is lost: the frame still holds the page, which stays modified. The slot's copy is
         * no good now; the next try takes another one. */
        last_write_status = STATUS_DEVICE_DATA_ERROR;
        pagefile_slot_free(&pagefile, e->slot);
        e->slot = PFN_NO_SLOT;
        mm_counters.pageout_errors++;
        return false;
    }
    last_write_status = 0;
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
