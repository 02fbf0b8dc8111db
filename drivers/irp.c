/* IRPs a driver builds and sends itself (nothing else sends one): IoAllocateIrp, IoInitializeIrp and
 * IoFreeIrp; IofCallDriver, the WDK's IoCallDriver, steps into the next lower stack location and calls
 * the device's dispatch routine; IofCompleteRequest, the WDK's IoCompleteRequest, walks back up as the
 * I/O manager does, calling each completion routine the location's SL_INVOKE_ON_* bits ask for,
 * carrying SL_PENDING_RETURNED into PendingReturned, and stopping where a routine returns
 * STATUS_MORE_PROCESSING_REQUIRED, as the WDK requires of the routine of whoever allocated the IRP
 * (who then frees it). Pagoda has no IoBuild* IRPs, whose UserIosb and UserEvent the I/O manager would
 * complete past the top. */
#include <stdbool.h>

#include "kernel/bugcheck.h"
#include "kernel/callout.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"

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

VOID FASTCALL IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    (void)PriorityBoost; /* one thread: nothing to boost */
    if (Irp->Type != IO_TYPE_IRP || Irp->CurrentLocation > Irp->StackCount + 1)
        KeBugCheckEx(BUGCHECK_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0);
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
}
