/* "leaky": a driver with a bug on purpose. DriverEntry allocates three blocks under its tag and
 * DriverUnload frees only the first, so unloading it with pool tracking on is bugcheck 0xC4/0x62 with
 * the two others in the leak list. */
#include <ntddk.h>

#define LEAKY_TAG 'kaeL' /* "Leak" */

static PVOID Blocks[3];

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD LeakyUnload;

VOID LeakyUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (Blocks[0])
        ExFreePoolWithTag(Blocks[0], LEAKY_TAG);
    /* Blocks[1] and Blocks[2] are forgotten: the bug this driver is for */
    DbgPrint("leaky: unloaded\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    Blocks[0] = ExAllocatePoolWithTag(PagedPool, 100, LEAKY_TAG);
    Blocks[1] = ExAllocatePoolWithTag(NonPagedPool, 200, LEAKY_TAG);
    Blocks[2] = ExAllocatePoolWithTag(NonPagedPool, 5000, LEAKY_TAG);
    DriverObject->DriverUnload = LeakyUnload;
    DbgPrint("leaky: loaded\n");
    return STATUS_SUCCESS;
}
