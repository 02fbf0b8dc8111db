/* IRPs a driver builds and sends itself (nothing else sends one): IoAllocateIrp, IoInitializeIrp and
 * IoFreeIrp; IofCallDriver, the WDK's IoCallDriver, steps into the next lower stack location and calls
 * the device's dispatch routine; IofCompleteRequest, the WDK's IoCompleteRequest, walks back up as the
 * I/O manager does, calling each completion routine the location's SL_INVOKE_ON_* bits ask for,
 * carrying SL_PENDING_RETURNED into PendingReturned, and stopping where a routine returns
 * STATUS_MORE_PROCESSING_REQUIRED, as the WDK requires of the routine of whoever allocated the IRP
 * (who then frees it); past the top, an IRP the I/O manager built (drivers/irp_build.c) is finished as
 * Windows' I/O completion does. Cancellation under the one cancel spinlock; the dispatch routine of a
 * major function a driver leaves unset completes the IRP with STATUS_INVALID_DEVICE_REQUEST. */
#include "drivers/irp.h"

#include <stdbool.h>

#include "kernel/bugcheck.h"
#include "kernel/callout.h"
#include "kernel/lib/kstring.h"

#define TAG_IRP ' prI' /* "Irp ", Windows' tag */

VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize)
{
    memset(Irp, 0, PacketSize);
    Irp->Type = IO_TYPE_IRP;
    Irp->Size = PacketSize;
    Irp->StackCount = StackSize;
    Irp->CurrentLocation = (CHAR)(StackSize + 1);
    InitializeListHead(&Irp->ThreadListEntry);
    Irp->Tail.Overlay.CurrentStackLocation = (PIO_STACK_LOCATION)(Irp + 1) + StackSize;
}

PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
    (void)ChargeQuota; /* no quotas */
    USHORT size = (USHORT)(sizeof(IRP) + (UCHAR)StackSize * sizeof(IO_STACK_LOCATION));
    PIRP irp = ExAllocatePoolWithTag(NonPagedPool, size, TAG_IRP);
    if (irp)
        IoInitializeIrp(irp, size, StackSize);
    return irp;
}

VOID NTAPI IoFreeIrp(PIRP Irp)
{
    ExFreePoolWithTag(Irp, TAG_IRP);
}

NTSTATUS FASTCALL IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    if (--Irp->CurrentLocation <= 0)
        KeBugCheckEx(BUGCHECK_NO_MORE_IRP_STACK_LOCATIONS, (ULONG_PTR)Irp, 0, 0, 0);
    PIO_STACK_LOCATION stack = --Irp->Tail.Overlay.CurrentStackLocation;
    stack->DeviceObject = DeviceObject;
    uintptr_t args[] = { (uintptr_t)DeviceObject, (uintptr_t)Irp };
    const void *dispatch = (const void *)DeviceObject->DriverObject->MajorFunction[stack->MajorFunction];
    return (NTSTATUS)callout_stdcall(dispatch, 2, args);
}

/* The WDK's ZeroIrpStackLocation: what a location keeps once the IRP has left it. */
static void clear_location(PIO_STACK_LOCATION s)
{
    s->MinorFunction = 0;
    s->Flags = 0;
    s->Control = 0;
    memset(&s->Parameters, 0, sizeof s->Parameters);
    s->FileObject = 0;
}

static bool wants_routine(const IRP *irp, const IO_STACK_LOCATION *s)
{
    return (NT_SUCCESS(irp->IoStatus.Status) && (s->Control & SL_INVOKE_ON_SUCCESS)) ||
           (!NT_SUCCESS(irp->IoStatus.Status) && (s->Control & SL_INVOKE_ON_ERROR)) ||
           (irp->Cancel && (s->Control & SL_INVOKE_ON_CANCEL));
}

static LIST_ENTRY threaded_irps = { &threaded_irps, &threaded_irps };
static KSPIN_LOCK threaded_lock; /* completion may come from a DPC */

void irp_thread_queue(PIRP irp)
{
    KIRQL irql;
    KeAcquireSpinLock(&threaded_lock, &irql);
    InsertTailList(&threaded_irps, &irp->ThreadListEntry);
    KeReleaseSpinLock(&threaded_lock, irql);
}

void irp_release_buffers(PIRP irp)
{
    bool copy_back = (irp->Flags & (IRP_BUFFERED_IO | IRP_INPUT_OPERATION)) == (IRP_BUFFERED_IO | IRP_INPUT_OPERATION);
    if (copy_back && !NT_ERROR(irp->IoStatus.Status) && irp->UserBuffer && irp->IoStatus.Information)
        memcpy(irp->UserBuffer, irp->AssociatedIrp.SystemBuffer, irp->IoStatus.Information);
    if (irp->Flags & IRP_DEALLOCATE_BUFFER)
        ExFreePoolWithTag(irp->AssociatedIrp.SystemBuffer, TAG_SYSTEM_BUFFER);
    irp->Flags &= ~(ULONG)(IRP_BUFFERED_IO | IRP_DEALLOCATE_BUFFER | IRP_INPUT_OPERATION);
    for (PMDL mdl = irp->MdlAddress, next; mdl; mdl = next) {
        next = mdl->Next;
        if (mdl->MdlFlags & MDL_PAGES_LOCKED)
            MmUnlockPages(mdl);
        IoFreeMdl(mdl);
    }
    irp->MdlAddress = 0;
}

/* Past the top: what Windows' I/O completion does for an IRP the I/O manager built (it has a thread):
 * the buffers, then for a threaded one the caller's status block and event, and the IRP itself. */
static void finish(PIRP irp)
{
    if (!irp->Tail.Overlay.Thread)
        return; /* IoAllocateIrp's: its allocator's completion routine keeps it */
    irp_release_buffers(irp);
    if (IsListEmpty(&irp->ThreadListEntry))
        return; /* asynchronous: the IRP is its builder's */
    KIRQL irql;
    KeAcquireSpinLock(&threaded_lock, &irql);
    RemoveEntryList(&irp->ThreadListEntry);
    KeReleaseSpinLock(&threaded_lock, irql);
    if (irp->UserIosb)
        *irp->UserIosb = irp->IoStatus;
    if (irp->UserEvent)
        KeSetEvent(irp->UserEvent, IO_NO_INCREMENT, FALSE);
    IoFreeIrp(irp);
}

VOID FASTCALL IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    (void)PriorityBoost; /* one thread: nothing to boost */
    if (Irp->Type != IO_TYPE_IRP || Irp->CurrentLocation > Irp->StackCount + 1)
        KeBugCheckEx(BUGCHECK_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0);
    if (Irp->CancelRoutine) /* still cancelable: IoCancelIrp could call the routine on a completed IRP */
        KeBugCheckEx(BUGCHECK_CANCEL_STATE_IN_COMPLETED_IRP, (ULONG_PTR)Irp, (ULONG_PTR)Irp->CancelRoutine, 0, 0);
    PIO_STACK_LOCATION s = Irp->Tail.Overlay.CurrentStackLocation;
    for (; Irp->CurrentLocation <= Irp->StackCount; s++) {
        Irp->CurrentLocation++;
        Irp->Tail.Overlay.CurrentStackLocation++;
        Irp->PendingReturned = s->Control & SL_PENDING_RETURNED;
        bool top = Irp->CurrentLocation == Irp->StackCount + 1;
        if (wants_routine(Irp, s)) {
            PDEVICE_OBJECT device = top ? 0 : Irp->Tail.Overlay.CurrentStackLocation->DeviceObject;
            clear_location(s);
            uintptr_t args[] = { (uintptr_t)device, (uintptr_t)Irp, (uintptr_t)s->Context };
            if ((NTSTATUS)callout_stdcall((const void *)s->CompletionRoutine, 3, args) == STATUS_MORE_PROCESSING_REQUIRED)
                return;
        } else {
            if (Irp->PendingReturned && !top)
                Irp->Tail.Overlay.CurrentStackLocation->Control |= SL_PENDING_RETURNED;
            clear_location(s);
        }
    }
    /* Past the top: a second completion now finds CurrentLocation beyond StackCount + 1. */
    Irp->CurrentLocation++;
    Irp->Tail.Overlay.CurrentStackLocation++;
    finish(Irp);
}

NTSTATUS NTAPI io_invalid_device_request(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    (void)DeviceObject;
    Irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
    Irp->IoStatus.Information = 0;
    IofCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_INVALID_DEVICE_REQUEST;
}

VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Status)
{
    UCHAR flags = Irp->AllocationFlags;
    IoInitializeIrp(Irp, Irp->Size, Irp->StackCount);
    Irp->AllocationFlags = flags;
    Irp->IoStatus.Status = Status;
}

static KSPIN_LOCK cancel_lock;

VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql)
{
    KeAcquireSpinLock(&cancel_lock, Irql);
}

VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql)
{
    KeReleaseSpinLock(&cancel_lock, Irql);
}

BOOLEAN NTAPI IoCancelIrp(PIRP Irp)
{
    IoAcquireCancelSpinLock(&Irp->CancelIrql);
    Irp->Cancel = TRUE;
    PVOID routine = (PVOID)InterlockedExchange((volatile LONG *)&Irp->CancelRoutine, 0);
    if (!routine) {
        IoReleaseCancelSpinLock(Irp->CancelIrql);
        return FALSE;
    }
    /* The routine runs with the lock held and releases it (IoReleaseCancelSpinLock(Irp->CancelIrql)). */
    bool in_stack = Irp->CurrentLocation <= Irp->StackCount; /* a stack location holds it: its device's */
    uintptr_t args[] = { in_stack ? (uintptr_t)Irp->Tail.Overlay.CurrentStackLocation->DeviceObject : 0,
                         (uintptr_t)Irp };
    callout_stdcall(routine, 2, args);
    if (cancel_lock) /* 0x11B: every later cancel would spin on it for ever */
        KeBugCheckEx(BUGCHECK_DRIVER_RETURNED_HOLDING_CANCEL_LOCK, (ULONG_PTR)Irp, (ULONG_PTR)routine, 0, 0);
    return TRUE;
}
