/* "devleft": a driver with a bug on purpose. DriverEntry creates a named device and a symbolic link to
 * it, as most drivers do, and DriverUnload forgets to delete them: Pagoda names each at unload and
 * deletes it, so that a reload creates both again. */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DevLeftUnload;

VOID DevLeftUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject); /* the bug: no IoDeleteSymbolicLink, no IoDeleteDevice */
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name, link;
    PDEVICE_OBJECT device;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&name, L"\\Device\\DevLeft");
    RtlInitUnicodeString(&link, L"\\DosDevices\\DevLeft");
    NTSTATUS status = IoCreateDevice(DriverObject, 16, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    DbgPrint("devleft: device and link created\n");
    DriverObject->DriverUnload = DevLeftUnload;
    return STATUS_SUCCESS;
}
