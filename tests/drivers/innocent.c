/* "innocent": a driver that frees all it allocates. Its DriverEntry takes its time (it waits
 * INNOCENT_WAIT_MS with interrupts on, so other drivers' timers and DPCs run meanwhile) and its
 * DriverUnload frees the rest: with pool tracking on it unloads clean, whatever another driver's DPC
 * allocated while its DriverEntry ran. */
#include <ntddk.h>

#define INNOCENT_TAG 'onnI' /* "Inno" */
#define INNOCENT_WAIT_MS 600

static PVOID Kept;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD InnocentUnload;

VOID InnocentUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ExFreePoolWithTag(Kept, INNOCENT_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DbgPrint("innocent: DriverEntry starts\n");
    PVOID scratch = ExAllocatePoolWithTag(PagedPool, 64, INNOCENT_TAG);
    if (!scratch)
        return STATUS_INSUFFICIENT_RESOURCES;
    Kept = ExAllocatePoolWithTag(NonPagedPool, 32, INNOCENT_TAG);
    KeStallExecutionProcessor(INNOCENT_WAIT_MS * 1000);
    ExFreePoolWithTag(scratch, INNOCENT_TAG);
    if (!Kept)
        return STATUS_INSUFFICIENT_RESOURCES;
    DriverObject->DriverUnload = InnocentUnload;
    DbgPrint("innocent: DriverEntry ends\n");
    return STATUS_SUCCESS;
}
