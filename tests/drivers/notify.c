/* "notify": a load-image and a thread notify routine, registered in DriverEntry and removed in
 * DriverUnload. Each image loaded meanwhile is one line with what the routine got, for the scenario to
 * compare with the `drivers` table. Built again with -DLEAVE_NOTIFY as "notifyleft", whose DriverUnload
 * forgets to remove them: unloading it is bugcheck 0xCE (a routine still registered lies in the image
 * about to go; Windows would call into the unmapped image at the next thread or load). */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD NotifyUnload;

static VOID NTAPI ImageLoaded(PUNICODE_STRING FullImageName, HANDLE ProcessId, PIMAGE_INFO ImageInfo)
{
    DbgPrint("notify: image %wZ pid %p base %p size 0x%lx system %u mode %u\n", FullImageName, ProcessId,
             ImageInfo->ImageBase, (ULONG)ImageInfo->ImageSize, ImageInfo->SystemModeImage,
             ImageInfo->ImageAddressingMode);
}

static VOID NTAPI ThreadChanged(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create)
{
    UNREFERENCED_PARAMETER(ProcessId);
    UNREFERENCED_PARAMETER(ThreadId);
    UNREFERENCED_PARAMETER(Create);
}

VOID NotifyUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
#ifndef LEAVE_NOTIFY
    PsRemoveLoadImageNotifyRoutine(ImageLoaded);
    PsRemoveCreateThreadNotifyRoutine(ThreadChanged);
#endif
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    NTSTATUS status = PsSetLoadImageNotifyRoutine(ImageLoaded);
    if (!NT_SUCCESS(status))
        return status;
    status = PsSetCreateThreadNotifyRoutine(ThreadChanged);
    if (!NT_SUCCESS(status)) {
        PsRemoveLoadImageNotifyRoutine(ImageLoaded);
        return status;
    }
    DbgPrint("notify: routines %p %p\n", ImageLoaded, ThreadChanged);
    DriverObject->DriverUnload = NotifyUnload;
    return STATUS_SUCCESS;
}
