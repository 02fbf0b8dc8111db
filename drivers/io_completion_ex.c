/* IoSetCompletionRoutineEx: the IRP's next stack location gets the I/O manager's own completion
 * routine, whose context (a nonpaged record) names the driver's routine and context and holds a
 * reference on DeviceObject. Once it has called the driver's routine it drops the reference and frees
 * the record, whatever the routine returned. Records not yet run are on one list, for the unload wait. */
#include "drivers/io_completion_ex.h"

#include "kernel/bugcheck.h"
#include "kernel/callout.h"
#include "drivers/io_device.h"

#define TAG_COMPLETION_EX 'cUoI' /* "IoUc" */

struct completion_ex {
    LIST_ENTRY link;
    PIO_COMPLETION_ROUTINE routine;
    PVOID context;
    PDEVICE_OBJECT device;
};

static LIST_ENTRY pending = { &pending, &pending };
static KSPIN_LOCK pending_lock;

static NTSTATUS NTAPI completion_ex(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    struct completion_ex *r = Context;
    uintptr_t args[] = { (uintptr_t)DeviceObject, (uintptr_t)Irp, (uintptr_t)r->context };
    NTSTATUS status = (NTSTATUS)callout_stdcall((const void *)r->routine, 3, args);
    KIRQL irql;
    KeAcquireSpinLock(&pending_lock, &irql);
    RemoveEntryList(&r->link);
    KeReleaseSpinLock(&pending_lock, irql);
    io_device_dereference(r->device);
    ExFreePoolWithTag(r, TAG_COMPLETION_EX);
    return status;
}

NTSTATUS NTAPI IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp, PIO_COMPLETION_ROUTINE CompletionRoutine,
                                        PVOID Context, BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError,
                                        BOOLEAN InvokeOnCancel)
{
    struct completion_ex *r = ExAllocatePoolWithTag(NonPagedPool, sizeof *r, TAG_COMPLETION_EX);
    if (!r)
        return STATUS_INSUFFICIENT_RESOURCES;
    *r = (struct completion_ex){ .routine = CompletionRoutine, .context = Context, .device = DeviceObject };
    io_device_reference(DeviceObject);
    KIRQL irql;
    KeAcquireSpinLock(&pending_lock, &irql);
    InsertTailList(&pending, &r->link);
    KeReleaseSpinLock(&pending_lock, irql);
    /* The WDK's IoSetCompletionRoutine, on the next location. */
    PIO_STACK_LOCATION next = Irp->Tail.Overlay.CurrentStackLocation - 1;
    next->CompletionRoutine = completion_ex;
    next->Context = r;
    next->Control = (UCHAR)((InvokeOnSuccess ? SL_INVOKE_ON_SUCCESS : 0) | (InvokeOnError ? SL_INVOKE_ON_ERROR : 0) |
                            (InvokeOnCancel ? SL_INVOKE_ON_CANCEL : 0));
    return STATUS_SUCCESS;
}

/* The routine of a record not yet run that lies in [lo, hi), or NULL. */
static const void *pending_in(uintptr_t lo, uintptr_t hi)
{
    const void *found = 0;
    KIRQL irql;
    KeAcquireSpinLock(&pending_lock, &irql);
    for (PLIST_ENTRY e = pending.Flink; e != &pending && !found; e = e->Flink) {
        uintptr_t routine = (uintptr_t)CONTAINING_RECORD(e, struct completion_ex, link)->routine;
        if (routine - lo < hi - lo)
            found = (const void *)routine;
    }
    KeReleaseSpinLock(&pending_lock, irql);
    return found;
}

void io_completion_ex_wait(uintptr_t lo, uintptr_t hi)
{
    LARGE_INTEGER tick = { .QuadPart = -10 * 10 * 1000 }; /* 10 ms */
    for (unsigned waited = 0; pending_in(lo, hi) && waited < IO_COMPLETION_EX_WAIT_SECONDS * 100; waited++)
        KeDelayExecutionThread(KernelMode, FALSE, &tick);
    const void *routine = pending_in(lo, hi);
    if (routine)
        KeBugCheckEx(BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS, (ULONG_PTR)routine, 8,
                     (ULONG_PTR)routine, 0);
}
