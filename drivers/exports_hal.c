/* HAL.dll's exports, as the x86 WDK declares each routine (tools/implib.py reads these lines). The DLL
 * of each is where mingw-w64's import libraries and the WDK put it. */
#include "kernel/irql_export.h"
#include "kernel/wdm.h"
#include "drivers/export_table.h"

static const struct export_entry entries[] = {
    EXPORT_STDCALL_AS(KeGetCurrentIrql, irql_export_get_current, 0),
    EXPORT_STDCALL_AS(KeLowerIrql, irql_export_lower, 4),
    EXPORT_STDCALL_AS(KeRaiseIrql, irql_export_raise, 8),
    EXPORT_STDCALL_AS(KeRaiseIrqlToDpcLevel, irql_export_raise_to_dpc, 0),
    EXPORT_STDCALL(KeRaiseIrqlToSynchLevel, 0),
    EXPORT_FASTCALL(KfRaiseIrql, 4),
    EXPORT_FASTCALL(KfLowerIrql, 4),
    EXPORT_STDCALL(KeAcquireSpinLock, 8),
    EXPORT_STDCALL(KeReleaseSpinLock, 8),
    EXPORT_FASTCALL(KfAcquireSpinLock, 4),
    EXPORT_FASTCALL(KfReleaseSpinLock, 8),
    EXPORT_FASTCALL(KeAcquireSpinLockRaiseToSynch, 4),
    EXPORT_FASTCALL(KeAcquireInStackQueuedSpinLock, 8),
    EXPORT_FASTCALL(KeReleaseInStackQueuedSpinLock, 4),
    EXPORT_FASTCALL(ExAcquireFastMutex, 4),
    EXPORT_FASTCALL(ExReleaseFastMutex, 4),
    EXPORT_FASTCALL(ExTryToAcquireFastMutex, 4),
    EXPORT_STDCALL(KeQueryPerformanceCounter, 4),
    EXPORT_STDCALL(KeStallExecutionProcessor, 4),
    /* port I/O */
    EXPORT_STDCALL(READ_PORT_UCHAR, 4),
    EXPORT_STDCALL(WRITE_PORT_UCHAR, 8),
    EXPORT_STDCALL(READ_PORT_BUFFER_UCHAR, 12),
    EXPORT_STDCALL(WRITE_PORT_BUFFER_UCHAR, 12),
    EXPORT_STDCALL(READ_PORT_USHORT, 4),
    EXPORT_STDCALL(WRITE_PORT_USHORT, 8),
    EXPORT_STDCALL(READ_PORT_BUFFER_USHORT, 12),
    EXPORT_STDCALL(WRITE_PORT_BUFFER_USHORT, 12),
    EXPORT_STDCALL(READ_PORT_ULONG, 4),
    EXPORT_STDCALL(WRITE_PORT_ULONG, 8),
    EXPORT_STDCALL(READ_PORT_BUFFER_ULONG, 12),
    EXPORT_STDCALL(WRITE_PORT_BUFFER_ULONG, 12),
};

const struct export_dll hal_exports = { "HAL.dll", entries, sizeof entries / sizeof entries[0] };
