#include "mm/pager.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/hyperspace.h"
#include "mm/mm.h"
#include "mm/mm_counters.h"
#include "mm/page_table.h"
#include "drivers/ramdisk.h"

#define STATUS_DEVICE_DATA_ERROR 0xC000009Cu
#define STATUS_CRC_ERROR 0xC000003Fu

static struct block_device ramdisk;
static struct pagefile pagefile;

void pager_init(struct frame_run run)
{
    if (run.count == 0) {
        pagefile_init(&pagefile, 0, 0, 0);
        return;
    }
    PHYSICAL_ADDRESS base = { .QuadPart = (LONGLONG)run.first * PAGE_SIZE };
    void *disk = MmMapIoSpace(base, (SIZE_T)run.count * PAGE_SIZE, MmCached);
    uint32_t bitmap_pages = (BITMAP_WORDS(run.count) * 4 + PAGE_SIZE - 1) / PAGE_SIZE;
    uint32_t checksum_pages = (run.count * 4 + PAGE_SIZE - 1) / PAGE_SIZE;
    uint32_t *bitmap = mm_alloc_pages(bitmap_pages, false);
    uint32_t *checksums = mm_alloc_pages(checksum_pages, false);
    if (!disk || !bitmap || !checksums)
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, run.count, 0, 0, 0);
    ramdisk_init(&ramdisk, disk, run.count);
    pagefile_init(&pagefile, &ramdisk, bitmap, checksums);
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
