/* IoAllocateMdl and IoFreeMdl: an MDL from nonpaged pool, initialized as the WDK's MmInitializeMdl
 * does (mm/mdl.c fills and maps it), and linked to an IRP when one is given. MmAllocatePagesForMdl:
 * an MDL of frames nothing maps (mm/contiguous.h), for MmMapLockedPagesSpecifyCache. */
#include "kernel/wdm.h"
#include "mm/contiguous.h"

#define TAG_MDL ' ldM' /* "Mdl ", Windows' tag */
#define MDL_BYTES_MAX 0xFFFFF000u /* 4 GB - PAGE_SIZE, the limit since Windows 7 */
#define MDL_FRAMES_MAX ((0x7FFF - sizeof(MDL)) / sizeof(PFN_NUMBER)) /* what an MDL's CSHORT Size can hold */
#define MM_DONT_ZERO_ALLOCATION 0x1
#define MM_ALLOCATE_FULLY_REQUIRED 0x4

PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp)
{
    (void)ChargeQuota; /* no quotas */
    if (Length > MDL_BYTES_MAX)
        return 0;
    SIZE_T size = MmSizeOfMdl(VirtualAddress, Length);
    PMDL mdl = ExAllocatePoolWithTag(NonPagedPool, size, TAG_MDL);
    if (!mdl)
        return 0;
    *mdl = (MDL){ .Size = (CSHORT)size,
                  .StartVa = (PVOID)((uintptr_t)VirtualAddress & ~0xFFFu),
                  .ByteCount = Length,
                  .ByteOffset = (uintptr_t)VirtualAddress & 0xFFF };
    if (Irp) {
        PMDL *link = &Irp->MdlAddress;
        while (SecondaryBuffer && *link)
            link = &(*link)->Next;
        *link = mdl;
    }
    return mdl;
}

VOID NTAPI IoFreeMdl(PMDL Mdl)
{
    ExFreePoolWithTag(Mdl, TAG_MDL);
}

PMDL NTAPI MmAllocatePagesForMdlEx(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress, PHYSICAL_ADDRESS SkipBytes,
                                   SIZE_T TotalBytes, MEMORY_CACHING_TYPE CacheType, ULONG Flags)
{
    (void)SkipBytes, (void)CacheType; /* one pass over the range; the mapping chooses caching */
    SIZE_T pages = TotalBytes / 4096 + (TotalBytes % 4096 != 0);
    if (!pages || ((Flags & MM_ALLOCATE_FULLY_REQUIRED) && pages > MDL_FRAMES_MAX))
        return 0;
    if (pages > MDL_FRAMES_MAX)
        pages = MDL_FRAMES_MAX; /* fewer pages than asked, as the WDK allows */
    SIZE_T size = sizeof(MDL) + pages * sizeof(PFN_NUMBER);
    PMDL mdl = ExAllocatePoolWithTag(NonPagedPool, size, TAG_MDL);
    if (!mdl)
        return 0;
    uint32_t got = physical_pages_take(LowAddress, HighAddress, (uint32_t)pages, !(Flags & MM_DONT_ZERO_ALLOCATION), (PFN_NUMBER *)(mdl + 1));
    if (!got || ((Flags & MM_ALLOCATE_FULLY_REQUIRED) && got < pages)) {
        physical_pages_release((PFN_NUMBER *)(mdl + 1), got);
        ExFreePoolWithTag(mdl, TAG_MDL);
        return 0;
    }
    *mdl = (MDL){ .Size = (CSHORT)size, .MdlFlags = MDL_PAGES_LOCKED, .ByteCount = got * 4096 };
    return mdl;
}

PMDL NTAPI MmAllocatePagesForMdl(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress, PHYSICAL_ADDRESS SkipBytes,
                                 SIZE_T TotalBytes)
{
    return MmAllocatePagesForMdlEx(LowAddress, HighAddress, SkipBytes, TotalBytes, MmCached, 0);
}

VOID NTAPI MmFreePagesFromMdl(PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    physical_pages_release((PFN_NUMBER *)(mdl + 1), mdl->ByteCount / 4096);
    mdl->ByteCount = 0;
    mdl->MdlFlags &= ~MDL_PAGES_LOCKED;
}
