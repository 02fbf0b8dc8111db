/* "devleft": a driver with a bug on purpose. DriverEntry creates a named device and a symbolic link to
 * it, as most drivers do, opens its service key and creates a named event, and DriverUnload forgets to
 * delete the first two and to close the handles: Pagoda names each at unload and deletes or closes it,
 * so that a reload creates them all again (the event's name too, which a create without OBJ_OPENIF
 * would find taken). */
#include <ntifs.h> /* ZwCreateEvent, which the WDK declares only here */

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

    OBJECT_ATTRIBUTES oa;
    UNICODE_STRING eventName;
    HANDLE key, event;
    RtlInitUnicodeString(&eventName, L"\\BaseNamedObjects\\DevLeftEvent");
    InitializeObjectAttributes(&oa, RegistryPath, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    NTSTATUS keyStatus = ZwOpenKey(&key, KEY_READ, &oa);
    InitializeObjectAttributes(&oa, &eventName, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    NTSTATUS eventStatus = ZwCreateEvent(&event, EVENT_ALL_ACCESS, &oa, NotificationEvent, FALSE);
    DbgPrint("devleft: key 0x%08lx event 0x%08lx\n", keyStatus, eventStatus);
    DriverObject->DriverUnload = DevLeftUnload;
    return STATUS_SUCCESS;
}
