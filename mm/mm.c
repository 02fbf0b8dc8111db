#include "mm/mm.h"

#include "kernel/bugcheck.h"
#include "kernel/trap.h"
#include "kernel/wdm.h"
#include "mm/boot_paging.h"
#include "mm/commit.h"
#include "mm/driver_images.h"
#include "mm/fault.h"
#include "mm/frames.h"
#include "mm/hyperspace.h"
#include "mm/mm_counters.h"
#include "mm/mm_lock.h"
#include "mm/page_table.h"
#include "mm/pager.h"
#include "mm/pool_pages.h"
#include "mm/reclaim.h"
#include "mm/resident.h"
#include "mm/special_pages.h"
#include "mm/system_ptes.h"
#include "mm/working_set.h"

#define FRAMES_PER_MIB (1024 * 1024 / PAGE_SIZE)
#define MIN_RAM_FRAMES (4 * FRAMES_PER_MIB)
/* The ramdisk is mapped in the system-PTE range; 64 MiB of it stay for device memory. */
#define PAGEFILE_MAX_FRAMES ((SYSTEM_PTES_END - SYSTEM_PTES_START) / PAGE_SIZE - 64 * FRAMES_PER_MIB)

/* Frames the commit limit leaves aside: the page tables of both pool ranges, and pages in flight. */
#define COMMIT_RESERVE_FRAMES ((PAGED_POOL_END - PAGED_POOL_START + NONPAGED_POOL_END - NONPAGED_POOL_START) / 0x400000 + 16)

static struct physmem frames;

/* Page tables are resident pages like any other: charged, and given back when freed. */
static uint32_t page_table_frame(void)
{
    if (!resident_charge(1))
        return PFN_NONE;
    uint32_t pfn = reclaim_frame(PFN_KERNEL, false);
    if (pfn == PFN_NONE)
        resident_return(1);
    return pfn;
}

static void page_table_frame_free(uint32_t pfn)
{
    frame_release(pfn);
    resident_return(1);
}

/* Nonpaged pages for the memory manager's own tables, at boot: without them there is no system. */
static void *boot_pages(uint32_t bytes)
{
    void *p = pool_pages_alloc((bytes + PAGE_SIZE - 1) / PAGE_SIZE, false);
    if (!p)
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, bytes, 0, 0, 0);
    return p;
}

struct frame_run mm_init(const struct phys_range *map, unsigned count, uint32_t mem_mib, uint32_t pagefile_mib,
                         bool balanced)
{
    struct frame_run pagefile_run;
    uint32_t want = pagefile_mib * FRAMES_PER_MIB, min_ram = MIN_RAM_FRAMES;
    if (balanced) {
        physmem_build(&frames, map, count, boot_paging_kernel_end_phys(), 0);
        if ((frames.frames_total + 1) / 2 > min_ram) /* rounded up: an odd total still keeps its half */
            min_ram = (frames.frames_total + 1) / 2;
    }
    physmem_split(&frames, &pagefile_run, map, count, boot_paging_kernel_end_phys(), mem_mib * FRAMES_PER_MIB,
                  want < PAGEFILE_MAX_FRAMES ? want : PAGEFILE_MAX_FRAMES, min_ram);
    frames_init(&frames);
    resident_init(frames_db()->in_state[PFN_FREE] + frames_deferred);
    page_table_set_frame_source(page_table_frame, page_table_frame_free);
    hyperspace_init();
    boot_paging_protect_kernel();
    system_ptes_init();
    driver_images_init();
    pool_pages_init();
    special_pages_init();
    uint32_t ws_max = frames.frames_total / 4 * 3; /* the working set's limit, and the most it may be set to */
    /* Its policy's tables are charged for the most they may take, as boot_pages would, and mapped as
     * the set grows (working_set.h). */
    uint32_t ws_pages = (ws_storage_bytes(ws_max) + PAGE_SIZE - 1) / PAGE_SIZE;
    if (!commit_charge(ws_pages) || !resident_charge(ws_pages) || !ws_init(ws_max, ws_max))
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, ws_storage_bytes(ws_max), 0, 0, 0);
    trap_set_exception_handler(TRAP_PAGE_FAULT, mm_page_fault);
    return pagefile_run;
}

void mm_attach_paging_file(struct block_device *disk)
{
    uint32_t slots = disk ? disk->block_count : 0;
    if (disk)
        pager_init(disk, boot_pages(BITMAP_WORDS(slots) * 4), boot_pages(slots * 4));
    const uint32_t *n = frames_db()->in_state;
    uint32_t free = n[PFN_FREE] + n[PFN_ZEROED] + frames_deferred;
    commit_set_limit(slots + (free > COMMIT_RESERVE_FRAMES ? free - COMMIT_RESERVE_FRAMES : 0));
}

const struct physmem *mm_physmem(void)
{
    return &frames;
}

void mm_query(struct mm_info *info)
{
    KIRQL lock = spinlock_acquire_reader(&mm_pfn_lock); /* `mem` may run at any IRQL */
    const uint32_t *n = frames_db()->in_state;
    const struct pagefile *pf = pager_pagefile();
    *info = (struct mm_info){
        .frames_total = frames.frames_total,
        .frames_free = n[PFN_FREE] + n[PFN_ZEROED] + frames_deferred,
        .frames_zeroed = n[PFN_ZEROED],
        .frames_standby = n[PFN_STANDBY],
        .frames_modified = n[PFN_MODIFIED],
        .frames_active = n[PFN_ACTIVE],
        .frames_kernel = n[PFN_KERNEL] + n[PFN_LOCKED] + frames_reserved,
        .frames_locked = n[PFN_LOCKED],
        .pagefile_total = pagefile_total(pf),
        .pagefile_used = pagefile_used(pf),
        .ws_pages = ws_count(),
        .ws_limit = ws_limit(),
        .ws_storage = ws_storage_pages(),
        .commit = commit_used(),
        .commit_limit = commit_limit(),
        .resident_available = resident_available(),
        .faults_dz = mm_counters.faults_dz,
        .faults_soft = mm_counters.faults_soft,
        .faults_hard = mm_counters.faults_hard,
        .pageouts = mm_counters.pageouts,
        .pageins = mm_counters.pageins,
        .pageout_errors = mm_counters.pageout_errors,
        .trimmed = mm_counters.trimmed,
    };
    spinlock_release_reader(&mm_pfn_lock, lock);
}

bool mm_zero_page_wanted(void)
{
    const uint32_t *n = frames_db()->in_state;
    return n[PFN_ZEROED] < MM_ZEROED_TARGET && (n[PFN_FREE] != 0 || frames_deferred != 0);
}

void mm_zero_page_idle(void)
{
    KIRQL lock = mm_lock();
    frames_zero_one();
    mm_unlock(lock);
}

void mm_forget_zeroed_pages(void)
{
    KIRQL lock = mm_lock();
    frames_forget_zeroed();
    mm_unlock(lock);
}

void mm_make_frame_records(uint32_t free_frames)
{
    KIRQL lock = mm_lock();
    frames_make_records(free_frames);
    mm_unlock(lock);
}

void mm_trim_all(void)
{
    KIRQL lock = mm_lock();
    ws_trim(ws_count());
    mm_fault_progress();
    mm_unlock(lock);
}

uint32_t mm_set_ws_limit(uint32_t pages)
{
    KIRQL lock = mm_lock();
    uint32_t old = ws_set_limit(pages);
    mm_fault_progress();
    mm_unlock(lock);
    return old;
}

void mm_page_out_all(void)
{
    KIRQL lock = mm_lock();
    reclaim_everything();
    mm_fault_progress();
    mm_unlock(lock);
}

bool mm_corrupt_paged_out_copy(uint32_t va)
{
    va &= PTE_FRAME_MASK;
    if (va < PAGED_POOL_START || va >= PAGED_POOL_END || !page_table_present(va))
        return false;
    KIRQL lock = mm_lock();
    reclaim_everything();
    uint32_t pte = *pte_of(va);
    bool ok = pte_kind_of(pte) == PTE_KIND_PAGEFILE;
    uint32_t scratch = ok ? reclaim_frame(PFN_KERNEL, false) : PFN_NONE;
    ok = scratch != PFN_NONE;
    if (ok) {
        void *page = hyperspace_map(scratch);
        ok = pagefile_flip_bit(pager_pagefile(), pte_payload(pte), 12345, page) == PAGEFILE_OK;
        hyperspace_unmap(page);
        frame_release(scratch);
    }
    mm_unlock(lock);
    return ok;
}

/* NT's three sizes by RAM, as its memory manager sizes its own tables (the thresholds are Pagoda's:
 * Windows has not been small or medium for decades). */
MM_SYSTEMSIZE NTAPI MmQuerySystemSize(VOID)
{
    uint32_t mib = frames.frames_total / (1024 * 1024 / PAGE_SIZE);
    return mib < 16 ? MmSmallSystem : mib < 32 ? MmMediumSystem : MmLargeSystem;
}

/* A workstation, not a server. */
BOOLEAN NTAPI MmIsThisAnNtAsSystem(VOID)
{
    return FALSE;
}
