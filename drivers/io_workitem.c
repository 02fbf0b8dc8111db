/* I/O work items: an IO_WORKITEM (nonpaged pool) wraps a WORK_QUEUE_ITEM whose routine calls the
 * driver's with the device and context, then drops the device reference IoQueueWorkItem took. Misuse is
 * 0xE4 WORKER_INVALID: queueing an item already queued (p1 1, from ExQueueWorkItem), freeing a queued
 * one (p1 2, the item, its routine), an item for something that is no device object (p1 3, 0, the
 * object). */
#include "drivers/io_workitem.h"

#include "kernel/bugcheck.h"
#include "kernel/callout.h"
#include "kernel/work_queue.h"
#include "drivers/io_device.h"

#define TAG_WORK_ITEM 'kWoI' /* "IoWk" */
#define WORKER_QUEUED_IO_ITEM_FREED 2
#define WORKER_INVALID_OBJECT 3

struct _IO_WORKITEM {
    WORK_QUEUE_ITEM item;
    PDEVICE_OBJECT device;
    PIO_WORKITEM_ROUTINE routine;
    PVOID context;
};

static VOID NTAPI run_io_item(PVOID parameter)
{
    PIO_WORKITEM w = parameter;
    PDEVICE_OBJECT device = w->device; /* the routine may free the item */
    uintptr_t args[] = { (uintptr_t)device, (uintptr_t)w->context };
    callout_stdcall((const void *)w->routine, 2, args);
    io_device_dereference(device);
}

PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
    if (!io_device_at(DeviceObject))
        KeBugCheckEx(BUGCHECK_WORKER_INVALID, WORKER_INVALID_OBJECT, 0, (ULONG_PTR)DeviceObject, 0);
    PIO_WORKITEM w = ExAllocatePoolWithTag(NonPagedPool, sizeof *w, TAG_WORK_ITEM);
    if (w)
        *w = (struct _IO_WORKITEM){ .device = DeviceObject };
    return w;
}

VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE WorkerRoutine, WORK_QUEUE_TYPE QueueType,
                           PVOID Context)
{
    if (!IoWorkItem->item.List.Flink) { /* a queued one is ExQueueWorkItem's 0xE4, p1 1 */
        IoWorkItem->routine = WorkerRoutine;
        IoWorkItem->context = Context;
        IoWorkItem->item.WorkerRoutine = run_io_item;
        IoWorkItem->item.Parameter = IoWorkItem;
        io_device_reference(IoWorkItem->device);
    }
    ExQueueWorkItem(&IoWorkItem->item, QueueType);
}

VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
    if (IoWorkItem->item.List.Flink)
        KeBugCheckEx(BUGCHECK_WORKER_INVALID, WORKER_QUEUED_IO_ITEM_FREED, (ULONG_PTR)IoWorkItem,
                     (ULONG_PTR)IoWorkItem->routine, 0);
    ExFreePoolWithTag(IoWorkItem, TAG_WORK_ITEM);
}

static bool of_driver(const WORK_QUEUE_ITEM *item, const void *driver)
{
    return item->WorkerRoutine == run_io_item && ((PIO_WORKITEM)item->Parameter)->device->DriverObject == driver;
}

void io_workitem_run_for_driver(PDRIVER_OBJECT driver)
{
    work_queue_run_matching(of_driver, driver);
}
