/* "leaky": a driver with a bug on purpose. DriverEntry allocates three blocks under its tag and
 * DriverUnload frees only the first, so unloading it with pool tracking on is bugcheck 0xC4/0x62 with
 * the two others in the leak list. */
#include "drivers/driver.h"

#define LEAKY_TAG 'kaeL' /* "Leak" */

static PVOID blocks[3];

static VOID NTAPI LeakyUnload(PDRIVER_OBJECT DriverObject)
{
    (void)DriverObject;
    if (blocks[0])
        ExFreePoolWithTag(blocks[0], LEAKY_TAG);
    /* blocks[1] and blocks[2] are forgotten: the bug this driver is for */
}

static NTSTATUS NTAPI LeakyDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    (void)RegistryPath;
    blocks[0] = ExAllocatePoolWithTag(PagedPool, 100, LEAKY_TAG);
    blocks[1] = ExAllocatePoolWithTag(NonPagedPool, 200, LEAKY_TAG);
    blocks[2] = ExAllocatePoolWithTag(NonPagedPool, 5000, LEAKY_TAG);
    DriverObject->DriverUnload = LeakyUnload;
    return STATUS_SUCCESS;
}

DRIVER_BUILTIN(leaky_driver, "leaky", LeakyDriverEntry);
