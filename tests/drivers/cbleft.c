/* "cbleft": a callback registration left at unload. DriverEntry opens (or, the first time, creates)
 * \Callback\CbLeft, which takes one routine, and registers one with the load's number as context, then
 * notifies it; DriverUnload removes nothing and drops nothing. Pagoda reports the registration and
 * removes it at unload, so a second load can register again (the object lives on: the first load's
 * reference was never dropped) and its notify calls only its own routine, never the unloaded image's. */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CbLeftUnload;

static VOID NTAPI Called(PVOID CallbackContext, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Argument2);
    DbgPrint("cbleft: called context %p argument %p\n", CallbackContext, Argument1);
}

VOID CbLeftUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    PCALLBACK_OBJECT object;
    RtlInitUnicodeString(&name, L"\\Callback\\CbLeft");
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    BOOLEAN existed = NT_SUCCESS(ExCreateCallback(&object, &oa, FALSE, FALSE));
    NTSTATUS status = existed ? STATUS_SUCCESS : ExCreateCallback(&object, &oa, TRUE, FALSE);
    if (!NT_SUCCESS(status))
        return status;
    PVOID registration = ExRegisterCallback(object, Called, (PVOID)(ULONG_PTR)(existed ? 2 : 1));
    DbgPrint("cbleft: %s, registered %s, routine %p\n", existed ? "opened" : "created", registration ? "yes" : "no",
             Called);
    ExNotifyCallback(object, (PVOID)0x42, NULL);
    DriverObject->DriverUnload = CbLeftUnload;
    return STATUS_SUCCESS;
}
