/* "TEMPLATE": a new driver (make driver NAME=TEMPLATE), written as for Windows: allocate in
 * DriverEntry, give everything back in DriverUnload. Build: make driver NAME=TEMPLATE; run: make run
 * DRIVERS=build/drivers/TEMPLATE.sys, then `load TEMPLATE`, `poolmon`, `unload TEMPLATE`. */
#include <ntddk.h>

#define TEMPLATE_TAG 'pmeT' /* "Temp" in poolmon */

static PVOID Buffer;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD TemplateUnload;

VOID TemplateUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ExFreePoolWithTag(Buffer, TEMPLATE_TAG);
    DbgPrint("TEMPLATE: unloaded\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    Buffer = ExAllocatePoolWithTag(NonPagedPool, 128, TEMPLATE_TAG);
    if (!Buffer)
        return STATUS_INSUFFICIENT_RESOURCES;
    DriverObject->DriverUnload = TemplateUnload;
    DbgPrint("TEMPLATE: loaded as %wZ\n", &DriverObject->DriverName);
    return STATUS_SUCCESS;
}
