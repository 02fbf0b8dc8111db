/* ntoskrnl.exe's exports, as the x86 WDK declares each routine (tools/implib.py reads these lines). */
#include "kernel/wdm.h"
#include "drivers/export_table.h"

static const struct export_entry entries[] = {
    EXPORT_STDCALL(ExAllocatePool, 8),
    EXPORT_STDCALL(ExAllocatePoolWithTag, 12),
    EXPORT_STDCALL(ExFreePool, 4),
    EXPORT_STDCALL(ExFreePoolWithTag, 8),
    EXPORT_STDCALL(KeBugCheckEx, 20),
};

const struct export_dll ntoskrnl_exports = { "ntoskrnl.exe", entries, sizeof entries / sizeof entries[0] };
