/* The memory manager's side of MDLs: frame numbers for resident nonpaged memory, and kernel-mode
 * mappings of an MDL's frames at system PTE addresses (mm/system_ptes.h). An MDL built for nonpaged
 * pool already has its system address (MappedSystemVa), which mapping returns and unmapping leaves,
 * as the WDK's MmGetSystemAddressForMdlSafe assumes. Not here: MmProbeAndLockPages (pageable memory
 * cannot yet be locked resident page by page). */
#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/page_table.h"
#include "mm/system_ptes.h"

static ULONG pages_of(const MDL *mdl)
{
    return system_ptes_spanned(mdl->ByteOffset, mdl->ByteCount);
}

SIZE_T NTAPI MmSizeOfMdl(PVOID Base, SIZE_T Length)
{
    return sizeof(MDL) + system_ptes_spanned((uintptr_t)Base, Length) * sizeof(PFN_NUMBER);
}

VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    PPFN_NUMBER frames = (PPFN_NUMBER)(mdl + 1);
    for (ULONG i = 0; i < pages_of(mdl); i++) {
        uint32_t va = (uint32_t)mdl->StartVa + i * 4096;
        if (!page_table_present(va) || !(*pte_of(va) & PTE_VALID))
            KeBugCheckEx(BUGCHECK_PAGE_FAULT_IN_NONPAGED_AREA, va, 0, (ULONG_PTR)__builtin_return_address(0), 0);
        frames[i] = *pte_of(va) >> 12;
    }
    mdl->MappedSystemVa = (char *)mdl->StartVa + mdl->ByteOffset;
    mdl->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
}

PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
                                         MEMORY_CACHING_TYPE CacheType, PVOID RequestedAddress,
                                         ULONG BugCheckOnFailure, ULONG Priority)
{
    PMDL mdl = MemoryDescriptorList;
    (void)Priority; /* no low-resources policy for PTEs */
    if (mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL)
        return mdl->MappedSystemVa;
    if (AccessMode != KernelMode || RequestedAddress) /* no user mode: a requested address is one there */
        return 0;
    uint32_t va = system_ptes_map_frames((const PFN_NUMBER *)(mdl + 1), pages_of(mdl), CacheType);
    if (!va && BugCheckOnFailure)
        KeBugCheckEx(BUGCHECK_NO_MORE_SYSTEM_PTES, 0, pages_of(mdl), 0, 0);
    if (!va)
        return 0;
    mdl->MappedSystemVa = (PVOID)(va + mdl->ByteOffset);
    mdl->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
    return mdl->MappedSystemVa;
}

VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    if ((mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL) && BaseAddress == mdl->MappedSystemVa)
        return;
    system_ptes_unmap((uint32_t)BaseAddress & ~0xFFFu, pages_of(mdl));
    mdl->MdlFlags &= ~MDL_MAPPED_TO_SYSTEM_VA;
}
