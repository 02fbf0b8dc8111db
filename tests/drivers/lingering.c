/* "lingering": a driver with a bug on purpose. DriverEntry sets a periodic timer in its own image and
 * DriverUnload forgets to cancel it, so unloading it is bugcheck 0xC7 TIMER_OR_DPC_INVALID (p1 0: the
 * timer itself lies in the image). */
#include <ntddk.h>

static KTIMER Timer;
static KDPC Dpc;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD LingeringUnload;
KDEFERRED_ROUTINE LingeringDpc;

VOID LingeringDpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
}

VOID LingeringUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject); /* the bug: no KeCancelTimer */
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LARGE_INTEGER due = { .QuadPart = -10000LL * 1000 };
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeDpc(&Dpc, LingeringDpc, NULL);
    KeInitializeTimer(&Timer);
    KeSetTimerEx(&Timer, due, 1000, &Dpc);
    DriverObject->DriverUnload = LingeringUnload;
    return STATUS_SUCCESS;
}
