#include "mm/contiguous.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/commit.h"
#include "mm/frames.h"
#include "mm/hyperspace.h"
#include "mm/layout.h"
#include "mm/mm_lock.h"
#include "mm/page_table.h"
#include "mm/reclaim.h"
#include "mm/resident.h"

/* [*low, *high] cut to the frames with records. */
static void clamp_to_records(uint32_t *low, uint32_t *high)
{
    const struct pfn_db *db = frames_db();
    if (*low < db->first)
        *low = db->first;
    if (*high > db->first + db->count - 1)
        *high = db->first + db->count - 1;
}

static bool takeable(uint32_t pfn)
{
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    return e->state == PFN_FREE || e->state == PFN_ZEROED;
}

/* A free or zeroed frame taken off its list for a driver: nonpaged, no PTE, no slot. */
static void take(uint32_t pfn)
{
    pfn_move(frames_db(), pfn, PFN_KERNEL);
    frame_disown(pfn_entry(frames_db(), pfn));
}

/* Frames first..first+npages-1 back on the free list, and their charges (PFN lock held). */
static void give_back_run(uint32_t first, uint32_t npages)
{
    for (uint32_t i = 0; i < npages; i++)
        frame_release(first + i);
    resident_return(npages);
    commit_return(npages);
}

/* The highest run of npages free frames in [low, high] (frame numbers) that crosses no multiple of
 * boundary pages (0: any), as NT takes contiguous memory from the top of the range asked for;
 * PFN_NONE if there is none among the frames with records. */
static uint32_t find_run(uint32_t npages, uint32_t low, uint32_t high, uint32_t boundary)
{
    clamp_to_records(&low, &high);
    uint32_t length = 0; /* free frames from pfn up */
    for (uint32_t pfn = high + 1; pfn-- > low;) {
        length = takeable(pfn) ? length + 1 : 0;
        bool crosses = boundary && pfn / boundary != (pfn + npages - 1) / boundary;
        if (length >= npages && !crosses)
            return pfn;
    }
    return PFN_NONE;
}

static uint32_t take_run(uint32_t npages, uint32_t low, uint32_t high, uint32_t boundary)
{
    uint32_t first = find_run(npages, low, high, boundary);
    if (first == PFN_NONE && frames_deferred) { /* records for every frame, once: then look again */
        frames_make_records(frames_db()->in_state[PFN_FREE] + frames_deferred);
        first = find_run(npages, low, high, boundary);
    }
    for (uint32_t i = 0; first != PFN_NONE && i < npages; i++)
        take(first + i);
    return first;
}

/* The frame holding a physical address (rounded up: the first whole frame from it); 32-bit physical
 * addresses only, as the machine has no PAE. */
static uint32_t frame_number(PHYSICAL_ADDRESS a, bool round_up)
{
    LONGLONG at = a.QuadPart + (round_up ? PAGE_SIZE - 1 : 0);
    return at >= 0x100000000LL ? 0xFFFFFu : (uint32_t)(at >> 12);
}

PVOID NTAPI MmAllocateContiguousMemorySpecifyCache(SIZE_T NumberOfBytes, PHYSICAL_ADDRESS LowestAcceptableAddress,
                                                   PHYSICAL_ADDRESS HighestAcceptableAddress,
                                                   PHYSICAL_ADDRESS BoundaryAddressMultiple,
                                                   MEMORY_CACHING_TYPE CacheType)
{
    uint32_t npages = (uint32_t)((NumberOfBytes + PAGE_SIZE - 1) / PAGE_SIZE);
    uint32_t boundary = (uint32_t)(BoundaryAddressMultiple.QuadPart / PAGE_SIZE);
    if (!NumberOfBytes || NumberOfBytes > 0x7FFFFFFFu || BoundaryAddressMultiple.QuadPart % PAGE_SIZE ||
        (boundary && npages > boundary))
        return 0;
    KIRQL lock = mm_lock();
    uint32_t first = PFN_NONE;
    if (commit_charge(npages)) {
        if (resident_charge(npages))
            first = take_run(npages, frame_number(LowestAcceptableAddress, true),
                             frame_number(HighestAcceptableAddress, false), boundary);
        if (first == PFN_NONE) {
            resident_return(npages);
            commit_return(npages);
        }
    }
    mm_unlock(lock);
    if (first == PFN_NONE)
        return 0;
    PHYSICAL_ADDRESS at = { .QuadPart = (LONGLONG)first << 12 };
    PVOID va = MmMapIoSpace(at, npages * PAGE_SIZE, CacheType);
    lock = mm_lock();
    if (va)
        pfn_entry(frames_db(), first)->run = npages;
    else /* no system PTEs left */
        give_back_run(first, npages);
    mm_unlock(lock);
    return va;
}

PVOID NTAPI MmAllocateContiguousMemory(SIZE_T NumberOfBytes, PHYSICAL_ADDRESS HighestAcceptableAddress)
{
    PHYSICAL_ADDRESS zero = { .QuadPart = 0 };
    return MmAllocateContiguousMemorySpecifyCache(NumberOfBytes, zero, HighestAcceptableAddress, zero, MmCached);
}

/* The first frame of the contiguous allocation at va, or 0xC2/0x60 for an address none starts at. */
static uint32_t run_at(PVOID BaseAddress)
{
    uint32_t va = (uint32_t)BaseAddress, pte = 0;
    if (va - SYSTEM_PTES_START < SYSTEM_PTES_END - SYSTEM_PTES_START && !(va & 0xFFF) && page_table_present(va))
        pte = *pte_of(va);
    struct pfn_entry *e = (pte & PTE_VALID) ? pfn_entry(frames_db(), pte_payload(pte)) : 0;
    if (!e || e->state != PFN_KERNEL || !e->run)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, BAD_POOL_CALLER_BAD_CONTIGUOUS_FREE, va, 0, 0);
    return pte_payload(pte);
}

VOID NTAPI MmFreeContiguousMemory(PVOID BaseAddress)
{
    uint32_t first = run_at(BaseAddress), npages = pfn_entry(frames_db(), first)->run;
    MmUnmapIoSpace(BaseAddress, npages * PAGE_SIZE);
    KIRQL lock = mm_lock();
    give_back_run(first, npages);
    mm_unlock(lock);
}

VOID NTAPI MmFreeContiguousMemorySpecifyCache(PVOID BaseAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType)
{
    (void)NumberOfBytes, (void)CacheType; /* the run's own length and mapping say */
    MmFreeContiguousMemory(BaseAddress);
}

PVOID NTAPI MmAllocateNonCachedMemory(SIZE_T NumberOfBytes)
{
    PHYSICAL_ADDRESS zero = { .QuadPart = 0 }, any = { .QuadPart = 0xFFFFFFFFLL };
    return MmAllocateContiguousMemorySpecifyCache(NumberOfBytes, zero, any, zero, MmNonCached);
}

VOID NTAPI MmFreeNonCachedMemory(PVOID BaseAddress, SIZE_T NumberOfBytes)
{
    (void)NumberOfBytes;
    MmFreeContiguousMemory(BaseAddress);
}

uint32_t physical_pages_take(PHYSICAL_ADDRESS low_address, PHYSICAL_ADDRESS high_address, uint32_t count, bool zero,
                             PFN_NUMBER *frames)
{
    const struct pfn_db *db = frames_db();
    uint32_t low = frame_number(low_address, true), high = frame_number(high_address, false);
    KIRQL lock = mm_lock();
    if (frames_deferred)
        frames_make_records(db->in_state[PFN_FREE] + frames_deferred);
    clamp_to_records(&low, &high);
    uint32_t got = 0;
    for (uint32_t pfn = low; pfn <= high && got < count && commit_charge(1); pfn++) {
        if (!takeable(pfn) || !resident_charge(1)) {
            commit_return(1);
            continue;
        }
        bool zeroed = pfn_entry(frames_db(), pfn)->state == PFN_ZEROED;
        take(pfn);
        if (zero && !zeroed)
            hyperspace_zero_frame(pfn);
        frames[got++] = pfn;
    }
    mm_unlock(lock);
    return got;
}

void physical_pages_release(const PFN_NUMBER *frames, uint32_t count)
{
    KIRQL lock = mm_lock();
    for (uint32_t i = 0; i < count; i++)
        frame_release(frames[i]);
    resident_return(count);
    commit_return(count);
    mm_unlock(lock);
}
