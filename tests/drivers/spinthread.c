/* "spinthread": DriverEntry starts two system threads, as test drivers for Windows often do: one spins
 * without ever waiting, one wakes every 100 ms. The console must stay responsive while they run (the
 * spinner is preempted at each quantum's end). DriverUnload stops both and waits on their thread
 * objects. Built again with -DLEAVE_THREAD as "spinleft", whose DriverUnload forgets to: unloading it
 * is bugcheck 0xCE (the spinner's start routine lies in the image about to go). Built with
 * -DHOLD_MUTEX as "heldmutex", whose sleeper ends owning a kernel mutex: 0x4000008A
 * THREAD_TERMINATE_HELD_MUTEX; with -DEXIT_RAISED as "exitraised", whose sleeper ends at
 * DISPATCH_LEVEL: 0x20 KERNEL_APC_PENDING_DURING_EXIT, p3 the IRQL. */
#include <ntddk.h>

static volatile BOOLEAN Stop;
static volatile ULONG Spins, Wakeups;
static KEVENT StopEvent;
static PVOID Threads[2];
#ifdef HOLD_MUTEX
static KMUTEX Mutex;
#endif

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SpinUnload;
KSTART_ROUTINE Spinner, Sleeper;

VOID Spinner(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    while (!Stop)
        Spins++;
}

VOID Sleeper(PVOID Context)
{
    LARGE_INTEGER interval = { .QuadPart = -100LL * 10000 };
    UNREFERENCED_PARAMETER(Context);
#ifdef HOLD_MUTEX
    KeInitializeMutex(&Mutex, 0);
    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
    return; /* the bug: the mutex goes with the thread */
#endif
#ifdef EXIT_RAISED
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PsTerminateSystemThread(STATUS_SUCCESS); /* the bug: IRQL is not lowered first */
#endif
    while (KeWaitForSingleObject(&StopEvent, Executive, KernelMode, FALSE, &interval) == STATUS_TIMEOUT)
        Wakeups++;
    PsTerminateSystemThread(STATUS_SUCCESS);
}

VOID SpinUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
#ifndef LEAVE_THREAD
    Stop = TRUE;
    KeSetEvent(&StopEvent, IO_NO_INCREMENT, FALSE);
    KeWaitForMultipleObjects(2, Threads, WaitAll, Executive, KernelMode, FALSE, NULL, NULL);
    ObDereferenceObject(Threads[0]);
    ObDereferenceObject(Threads[1]);
#endif
    DbgPrint("spinthread: stopped after %lu wakeups\n", Wakeups);
}

static NTSTATUS Start(PKSTART_ROUTINE routine, PVOID *object)
{
    HANDLE handle;
    NTSTATUS status = PsCreateSystemThread(&handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, routine, NULL);
    if (!NT_SUCCESS(status))
        return status;
    status = ObReferenceObjectByHandle(handle, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, object, NULL);
    ZwClose(handle);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&StopEvent, NotificationEvent, FALSE);
    NTSTATUS status = Start(Spinner, &Threads[0]);
    if (NT_SUCCESS(status))
        status = Start(Sleeper, &Threads[1]);
    DriverObject->DriverUnload = SpinUnload;
    return status;
}
