/* "dispatch": a driver with a bug on purpose. DriverEntry raises to DISPATCH_LEVEL and touches a page
 * of paged pool it never touched before (demand-zero, so not resident): bugcheck 0xD1
 * DRIVER_IRQL_NOT_LESS_OR_EQUAL, the screen naming this driver. */
#include <ntddk.h>

#define DISPATCH_TAG 'psiD' /* "Disp" */

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    KIRQL irql;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    volatile UCHAR *buffer = ExAllocatePoolWithTag(PagedPool, 3 * PAGE_SIZE, DISPATCH_TAG);
    if (!buffer)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    buffer[2 * PAGE_SIZE] = 1; /* the bug: paged memory at DISPATCH_LEVEL */
    KeLowerIrql(irql);
    ExFreePoolWithTag((PVOID)buffer, DISPATCH_TAG);
    return STATUS_UNSUCCESSFUL;
}
