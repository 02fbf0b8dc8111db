/* "probe": the loader's own test image. It calls nothing, so it runs whatever the kernel exports:
 * DriverEntry checks that its relocated pointers point into itself, that its .bss starts zeroed and
 * that its globals are fresh (a reload maps a new image), and returns a status that says which. Its
 * import is resolved but never called. DriverEntry lies in INIT, which the loader releases after it; ProbeUnload in PAGE, pageable. */
#include <ntddk.h>

static ULONG Counter;                /* .bss */
static ULONG Initialized = 0x1234;   /* .data */
static ULONG *const Pointer = &Initialized; /* a relocation */
static const char Text[] = "probe";

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ProbeUnload;

__attribute__((section("PAGE"))) VOID ProbeUnload(PDRIVER_OBJECT DriverObject) /* pageable */
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS __attribute__((section("INIT"))) DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    if (Counter++ != 0 || *Pointer != 0x1234 || Text[4] != 'e')
        return STATUS_UNSUCCESSFUL; /* stale globals or a missed relocation */
    if (RegistryPath->Length == 0)
        ExFreePool(NULL); /* never runs: only makes an import */
    DriverObject->DriverUnload = ProbeUnload;
    return STATUS_SUCCESS;
}
