#include "mm/system_ptes.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/layout.h"
#include "mm/mm_lock.h"
#include "mm/page_table.h"
#include "mm/va_range.h"

static uint32_t system_pte_bitmap[BITMAP_WORDS((SYSTEM_PTES_END - SYSTEM_PTES_START) / 4096)];
static struct va_range system_ptes;

void system_ptes_init(void)
{
    va_range_init(&system_ptes, system_pte_bitmap, SYSTEM_PTES_START, SYSTEM_PTES_END);
}

/* frames NULL: consecutive frames from first. */
static uint32_t map(const ULONG *frames, uint32_t first, uint32_t npages, MEMORY_CACHING_TYPE cache)
{
    uint32_t flags = PTE_WRITE | (cache == MmNonCached ? PTE_CACHE_DISABLE | PTE_WRITE_THROUGH : 0);
    KIRQL lock = mm_lock();
    uint32_t va = va_range_alloc(&system_ptes, npages);
    for (uint32_t i = 0; va && i < npages; i++)
        pte_store(va + i * 4096, pte_make_valid(frames ? frames[i] : first + i, flags));
    mm_unlock(lock);
    return va;
}

uint32_t system_ptes_map_frames(const ULONG *frames, uint32_t npages, MEMORY_CACHING_TYPE cache)
{
    return map(frames, 0, npages, cache);
}

PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType)
{
    uint32_t phys = (uint32_t)PhysicalAddress.QuadPart, npages = system_ptes_spanned(phys, NumberOfBytes);
    if (NumberOfBytes == 0 || PhysicalAddress.HighPart)
        return 0;
    uint32_t va = map(0, phys >> 12, npages, CacheType);
    return va ? (PVOID)(va + (phys & 0xFFF)) : 0;
}

/* 0xDA SYSTEM_PTE_MISUSE for a range MmMapIoSpace did not hand out, with the subcodes of Microsoft's
 * reference: 0x0F below the system PTEs, 0x10 above them, 0x09 a page in them not mapped (p4 its
 * index); p2 the mapping, p3 the number of pages, p4 (0x0F, 0x10) the pool of mappings, 0 here. */
static void check_mapping(uint32_t va, uint32_t npages)
{
    if (va < SYSTEM_PTES_START)
        KeBugCheckEx(BUGCHECK_SYSTEM_PTE_MISUSE, 0x0F, va, npages, 0);
    if (va >= SYSTEM_PTES_END || npages > (SYSTEM_PTES_END - va) / 4096)
        KeBugCheckEx(BUGCHECK_SYSTEM_PTE_MISUSE, 0x10, va, npages, 0);
    for (uint32_t i = 0; i < npages; i++)
        if (!va_range_is_allocated(&system_ptes, va + i * 4096, 1))
            KeBugCheckEx(BUGCHECK_SYSTEM_PTE_MISUSE, 0x09, va, npages, (va - SYSTEM_PTES_START) / 4096 + i);
}

VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes)
{
    uint32_t va = (uint32_t)BaseAddress;
    system_ptes_unmap(va & PTE_FRAME_MASK, system_ptes_spanned(va, NumberOfBytes));
}

void system_ptes_unmap(uint32_t va, uint32_t npages)
{
    KIRQL lock = mm_lock();
    check_mapping(va, npages);
    for (uint32_t i = 0; i < npages; i++)
        pte_store(va + i * 4096, 0);
    va_range_free(&system_ptes, va, npages);
    mm_unlock(lock);
}

PHYSICAL_ADDRESS NTAPI MmGetPhysicalAddress(PVOID BaseAddress)
{
    uint32_t va = (uint32_t)BaseAddress;
    PHYSICAL_ADDRESS pa = { .QuadPart = 0 };
    if (page_table_present(va) && (*pte_of(va) & PTE_VALID))
        pa.QuadPart = (LONGLONG)((*pte_of(va) & PTE_FRAME_MASK) | (va & 0xFFF));
    return pa;
}
