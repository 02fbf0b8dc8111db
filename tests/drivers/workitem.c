/* "workitem": work items as a Windows driver queues them. DriverEntry queues an I/O work item for its
 * device, which runs later at PASSIVE_LEVEL, when the system is idle (after DriverEntry has returned);
 * DriverUnload queues one more and deletes the device at once: the item's reference keeps the device
 * (and the image) until it has run. Built as "workleft" with -DLEAVE_EXECUTIVE_ITEM, DriverUnload also
 * queues an executive work item that lies in the image and returns: unloading it is bugcheck 0xE4
 * WORKER_INVALID (p1 0: the memory being freed holds an active work item). */
#include <ntddk.h>

static volatile LONG g_EntryDone;
#ifdef LEAVE_EXECUTIVE_ITEM
static WORK_QUEUE_ITEM g_Left;
#endif

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WorkItemUnload;
IO_WORKITEM_ROUTINE IdleWork, UnloadWork;
WORKER_THREAD_ROUTINE LeftWork;

VOID IdleWork(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    DbgPrint("workitem: ran at IRQL %d, %s DriverEntry returned, device %s\n", KeGetCurrentIrql(),
             g_EntryDone ? "after" : "before", DeviceObject->Type == IO_TYPE_DEVICE ? "ok" : "bad");
    IoFreeWorkItem((PIO_WORKITEM)Context);
}

VOID UnloadWork(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    DbgPrint("workitem: queued in DriverUnload, ran after it at IRQL %d, device %s\n", KeGetCurrentIrql(),
             DeviceObject->Type == IO_TYPE_DEVICE ? "still there" : "gone");
    IoFreeWorkItem((PIO_WORKITEM)Context);
}

VOID LeftWork(PVOID Parameter)
{
    UNREFERENCED_PARAMETER(Parameter);
}

static VOID Queue(PDEVICE_OBJECT device, PIO_WORKITEM_ROUTINE routine)
{
    PIO_WORKITEM item = IoAllocateWorkItem(device);
    if (item)
        IoQueueWorkItem(item, routine, DelayedWorkQueue, item);
}

VOID WorkItemUnload(PDRIVER_OBJECT DriverObject)
{
    PDEVICE_OBJECT device = DriverObject->DeviceObject;
    Queue(device, UnloadWork);
    IoDeleteDevice(device);
#ifdef LEAVE_EXECUTIVE_ITEM
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    ExInitializeWorkItem(&g_Left, LeftWork, NULL);
    ExQueueWorkItem(&g_Left, DelayedWorkQueue); /* the bug: nothing waits for it */
#pragma GCC diagnostic pop
#endif
    DbgPrint("workitem: DriverUnload returns\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PDEVICE_OBJECT device;
    UNREFERENCED_PARAMETER(RegistryPath);
    NTSTATUS status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    Queue(device, IdleWork);
    DriverObject->DriverUnload = WorkItemUnload;
    g_EntryDone = 1;
    return STATUS_SUCCESS;
}
