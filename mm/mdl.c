/* The memory manager's side of MDLs: frame numbers for resident nonpaged memory, any kernel buffer
 * probed and locked page by page (mm/locked_pages.h), partial MDLs, and kernel-mode mappings of an
 * MDL's frames at system PTE addresses (mm/system_ptes.h). An MDL built for nonpaged pool already has
 * its system address (MappedSystemVa), which mapping returns and unmapping leaves, as the WDK's
 * MmGetSystemAddressForMdlSafe assumes. A verified driver's misuse is Driver Verifier's 0xC4 with the
 * reference's parameters; other callers get what a free kernel does. */
#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "kernel/verifier_violations.h"
#include "kernel/wdm.h"
#include "mm/locked_pages.h"
#include "mm/mm_lock.h"
#include "mm/page_table.h"
#include "mm/system_ptes.h"

#define CALLER __builtin_return_address(0)
#define MDL_NOT_PROBEABLE (MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL | MDL_MAPPED_TO_SYSTEM_VA)

static ULONG pages_of(const MDL *mdl)
{
    return system_ptes_spanned(mdl->ByteOffset, mdl->ByteCount);
}

static PPFN_NUMBER frames_of(PMDL mdl)
{
    return (PPFN_NUMBER)(mdl + 1);
}

__attribute__((noreturn, cold)) static void violation(enum verifier_violation what, ULONG_PTR p2, ULONG_PTR p3,
                                                      ULONG_PTR p4)
{
    KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, what, p2, p3, p4);
}

static void unlock_frames(PMDL mdl, ULONG count)
{
    KIRQL lock = mm_lock();
    for (ULONG i = 0; i < count; i++)
        locked_pages_release((uint32_t)mdl->StartVa + i * 4096, frames_of(mdl)[i]);
    mm_unlock(lock);
}

VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode, LOCK_OPERATION Operation)
{
    PMDL mdl = MemoryDescriptorList;
    bool verified = driver_code_verified(CALLER);
    if (KeGetCurrentIrql() > DISPATCH_LEVEL) {
        if (verified)
            violation(VERIFIER_PROBE_AND_LOCK_IRQL, KeGetCurrentIrql(), (ULONG_PTR)mdl, AccessMode);
        KeBugCheckEx(BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)mdl->StartVa, KeGetCurrentIrql(), 0, (ULONG_PTR)CALLER);
    }
    if ((mdl->MdlFlags & MDL_NOT_PROBEABLE) && verified)
        violation(VERIFIER_PROBE_AND_LOCK_FLAGS, (ULONG_PTR)mdl, (USHORT)mdl->MdlFlags,
                  (USHORT)mdl->MdlFlags & MDL_NOT_PROBEABLE);
    if (AccessMode != KernelMode) /* no user space: a user-mode probe of a kernel address fails */
        bugcheck_unhandled_status(STATUS_ACCESS_VIOLATION, CALLER);
    bool write = Operation != IoReadAccess;
    for (ULONG i = 0; i < pages_of(mdl); i++) {
        NTSTATUS status = locked_pages_probe((uint32_t)mdl->StartVa + i * 4096, write, &frames_of(mdl)[i]);
        if (status != STATUS_SUCCESS) { /* nothing stays locked: the exception leaves the MDL unlocked */
            unlock_frames(mdl, i);
            bugcheck_unhandled_status(status, CALLER);
        }
    }
    mdl->Process = 0; /* a system address: no process owns the pages */
    mdl->MdlFlags |= MDL_PAGES_LOCKED | (write ? MDL_WRITE_OPERATION : 0);
}

VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    if (driver_code_verified(CALLER)) {
        if (KeGetCurrentIrql() > DISPATCH_LEVEL)
            violation(VERIFIER_UNLOCK_IRQL, KeGetCurrentIrql(), (ULONG_PTR)mdl, 0);
        if (mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL)
            violation(VERIFIER_UNLOCK_NONPAGED, (ULONG_PTR)mdl, (USHORT)mdl->MdlFlags, 0);
        if (mdl->MdlFlags & MDL_PARTIAL)
            violation(VERIFIER_UNLOCK_PARTIAL, (ULONG_PTR)mdl, (USHORT)mdl->MdlFlags, MDL_PARTIAL);
        if (!(mdl->MdlFlags & MDL_PAGES_LOCKED))
            violation(VERIFIER_UNLOCK_NOT_LOCKED, (ULONG_PTR)mdl, (USHORT)mdl->MdlFlags, 0);
    }
    if (mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA)
        MmUnmapLockedPages(mdl->MappedSystemVa, mdl);
    unlock_frames(mdl, pages_of(mdl)); /* a pageable page unlocked once too often is 0x4E (0x07) */
    mdl->MdlFlags &= ~(MDL_PAGES_LOCKED | MDL_WRITE_OPERATION);
}

VOID NTAPI IoBuildPartialMdl(PMDL SourceMdl, PMDL TargetMdl, PVOID VirtualAddress, ULONG Length)
{
    uintptr_t source_va = (uintptr_t)SourceMdl->StartVa + SourceMdl->ByteOffset;
    if (!Length)
        Length = SourceMdl->ByteCount - (ULONG)((uintptr_t)VirtualAddress - source_va);
    ULONG skip = (ULONG)(((uintptr_t)VirtualAddress & ~0xFFFu) - (uintptr_t)SourceMdl->StartVa) / 4096;
    TargetMdl->StartVa = (PVOID)((uintptr_t)VirtualAddress & ~0xFFFu);
    TargetMdl->ByteOffset = (uintptr_t)VirtualAddress & 0xFFF;
    TargetMdl->ByteCount = Length;
    TargetMdl->Process = SourceMdl->Process;
    TargetMdl->MdlFlags = (CSHORT)((TargetMdl->MdlFlags & MDL_ALLOCATED_FIXED_SIZE) | MDL_PARTIAL |
                                   (SourceMdl->MdlFlags & (MDL_IO_SPACE | MDL_WRITE_OPERATION)));
    if (SourceMdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) {
        TargetMdl->MdlFlags |= MDL_PARENT_MAPPED_SYSTEM_VA | (SourceMdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL);
        TargetMdl->MappedSystemVa = (PUCHAR)SourceMdl->MappedSystemVa + ((uintptr_t)VirtualAddress - source_va);
    }
    for (ULONG i = 0; i < pages_of(TargetMdl); i++)
        frames_of(TargetMdl)[i] = frames_of(SourceMdl)[skip + i];
}

SIZE_T NTAPI MmSizeOfMdl(PVOID Base, SIZE_T Length)
{
    return sizeof(MDL) + system_ptes_spanned((uintptr_t)Base, Length) * sizeof(PFN_NUMBER);
}

VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    PPFN_NUMBER frames = frames_of(mdl);
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
    uint32_t va = system_ptes_map_frames(frames_of(mdl), pages_of(mdl), CacheType);
    if (!va && BugCheckOnFailure)
        KeBugCheckEx(BUGCHECK_NO_MORE_SYSTEM_PTES, 0, pages_of(mdl), 0, 0);
    if (!va)
        return 0;
    mdl->MappedSystemVa = (PVOID)(va + mdl->ByteOffset);
    mdl->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA | (mdl->MdlFlags & MDL_PARTIAL ? MDL_PARTIAL_HAS_BEEN_MAPPED : 0);
    return mdl->MappedSystemVa;
}

VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList)
{
    PMDL mdl = MemoryDescriptorList;
    if ((mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL) && BaseAddress == mdl->MappedSystemVa)
        return;
    system_ptes_unmap((uint32_t)BaseAddress & ~0xFFFu, pages_of(mdl));
    mdl->MdlFlags &= ~(MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL_HAS_BEEN_MAPPED);
}

PVOID NTAPI MmMapLockedPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode)
{
    return MmMapLockedPagesSpecifyCache(MemoryDescriptorList, AccessMode, MmCached, 0, TRUE, 16 /* NormalPagePriority */);
}
