/* ntoskrnl.exe's exports, as the x86 WDK declares each routine (tools/implib.py reads these lines). */
#include "kernel/wdm.h"
#include "drivers/export_table.h"

static const struct export_entry entries[] = {
    /* pool */
    EXPORT_STDCALL(ExAllocatePool, 8),
    EXPORT_STDCALL(ExAllocatePoolWithTag, 12),
    EXPORT_STDCALL(ExFreePool, 4),
    EXPORT_STDCALL(ExFreePoolWithTag, 8),
    EXPORT_STDCALL(ExInitializeNPagedLookasideList, 28),
    EXPORT_STDCALL(ExInitializePagedLookasideList, 28),
    EXPORT_STDCALL(ExDeleteNPagedLookasideList, 4),
    EXPORT_STDCALL(ExDeletePagedLookasideList, 4),
    EXPORT_STDCALL(ExAllocateFromPagedLookasideList, 4),
    EXPORT_STDCALL(ExFreeToPagedLookasideList, 8),
    /* spinlocks */
    EXPORT_STDCALL(KeInitializeSpinLock, 4),
    EXPORT_STDCALL(KeAcquireSpinLockAtDpcLevel, 4),
    EXPORT_STDCALL(KeReleaseSpinLockFromDpcLevel, 4),
    EXPORT_FASTCALL(KefAcquireSpinLockAtDpcLevel, 4),
    EXPORT_FASTCALL(KefReleaseSpinLockFromDpcLevel, 4),
    EXPORT_FASTCALL(KiAcquireSpinLock, 4),
    EXPORT_FASTCALL(KiReleaseSpinLock, 4),
    /* DPCs and timers */
    EXPORT_STDCALL(KeInitializeDpc, 12),
    EXPORT_STDCALL(KeInsertQueueDpc, 12),
    EXPORT_STDCALL(KeRemoveQueueDpc, 4),
    EXPORT_STDCALL(KeInitializeTimer, 4),
    EXPORT_STDCALL(KeSetTimer, 16),
    EXPORT_STDCALL(KeCancelTimer, 4),
    EXPORT_STDCALL(KeReadStateTimer, 4),
    /* time */
    EXPORT_STDCALL(KeQueryInterruptTime, 0),
    /* bugcheck */
    EXPORT_STDCALL(KeBugCheckEx, 20),
    EXPORT_STDCALL(KeBugCheck, 4),
    /* Mm */
    EXPORT_STDCALL(MmMapIoSpace, 16),
    EXPORT_STDCALL(MmUnmapIoSpace, 8),
    EXPORT_STDCALL(MmGetPhysicalAddress, 4),
};

const struct export_dll ntoskrnl_exports = { "ntoskrnl.exe", entries, sizeof entries / sizeof entries[0] };
