/* Cancel-safe IRP queues, as the WDK documents IoCsqXxx: the driver's callbacks keep the queue and its
 * lock; these routines own the IRP's cancel routine. Whoever takes the cancel routine back
 * (InterlockedExchange to NULL) owns the IRP: a remover that finds it already gone leaves the IRP to
 * IoCancelIrp's call of csq_cancel, which takes it out under the queue's lock, clears its context and
 * hands it to CsqCompleteCanceledIrp. So an IRP leaves the queue once, by one path. DriverContext[3]
 * holds the IRP's IO_CSQ_IRP_CONTEXT or, without one, the IO_CSQ (their Type fields tell them apart). */
#include <stdbool.h>

#include "kernel/callout.h"
#include "kernel/wdm.h"

#define CSQ_SLOT 3 /* Tail.Overlay.DriverContext[3], the documented one */

static void call2(const void *routine, PIO_CSQ csq, uintptr_t arg)
{
    uintptr_t args[] = { (uintptr_t)csq, arg };
    callout_stdcall(routine, 2, args);
}

static KIRQL lock(PIO_CSQ csq)
{
    KIRQL irql;
    call2((const void *)csq->CsqAcquireLock, csq, (uintptr_t)&irql);
    return irql;
}

static void unlock(PIO_CSQ csq, KIRQL irql)
{
    call2((const void *)csq->CsqReleaseLock, csq, irql);
}

static PVOID take_cancel_routine(PIRP irp)
{
    return (PVOID)InterlockedExchange((volatile LONG *)&irp->CancelRoutine, 0);
}

/* Under the queue's lock, with the cancel routine already taken: out of the driver's queue, and the
 * context no longer names it. */
static void take_out(PIO_CSQ csq, PIRP irp)
{
    call2((const void *)csq->CsqRemoveIrp, csq, (uintptr_t)irp);
    PIO_CSQ_IRP_CONTEXT context = irp->Tail.Overlay.DriverContext[CSQ_SLOT];
    if (context && context->Type == IO_TYPE_CSQ_IRP_CONTEXT)
        context->Irp = 0;
    irp->Tail.Overlay.DriverContext[CSQ_SLOT] = 0;
}

static PIO_CSQ csq_of(PIRP irp)
{
    PIO_CSQ_IRP_CONTEXT context = irp->Tail.Overlay.DriverContext[CSQ_SLOT];
    return context->Type == IO_TYPE_CSQ_IRP_CONTEXT ? context->Csq : (PIO_CSQ)context;
}

/* The IRP's cancel routine while it is queued: IoCancelIrp calls it with the cancel spinlock held. */
static VOID NTAPI csq_cancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    (void)DeviceObject;
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    PIO_CSQ csq = csq_of(Irp);
    KIRQL irql = lock(csq);
    take_out(csq, Irp);
    unlock(csq, irql);
    call2((const void *)csq->CsqCompleteCanceledIrp, csq, (uintptr_t)Irp);
}

static NTSTATUS initialize(PIO_CSQ csq, ULONG type, const void *insert, PIO_CSQ_REMOVE_IRP remove,
                           PIO_CSQ_PEEK_NEXT_IRP peek, PIO_CSQ_ACQUIRE_LOCK acquire, PIO_CSQ_RELEASE_LOCK release,
                           PIO_CSQ_COMPLETE_CANCELED_IRP complete)
{
    *csq = (IO_CSQ){ type, (PIO_CSQ_INSERT_IRP)insert, remove, peek, acquire, release, complete, 0 };
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp, PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                               PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp, PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                               PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                               PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
    return initialize(Csq, IO_TYPE_CSQ, (const void *)CsqInsertIrp, CsqRemoveIrp, CsqPeekNextIrp, CsqAcquireLock,
                      CsqReleaseLock, CsqCompleteCanceledIrp);
}

NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrpEx, PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                                 PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp, PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                                 PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                                 PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
    return initialize(Csq, IO_TYPE_CSQ_EX, (const void *)CsqInsertIrpEx, CsqRemoveIrp, CsqPeekNextIrp,
                      CsqAcquireLock, CsqReleaseLock, CsqCompleteCanceledIrp);
}

/* Into the driver's queue under its lock, marked pending, cancelable. An IRP cancelled before its cancel
 * routine was set (IoCancelIrp found none to call) comes straight out again and is completed through
 * CsqCompleteCanceledIrp, after the lock is dropped. */
NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context, PVOID InsertContext)
{
    NTSTATUS status = STATUS_SUCCESS;
    KIRQL irql = lock(Csq);
    if (Csq->Type == IO_TYPE_CSQ_EX) {
        uintptr_t args[] = { (uintptr_t)Csq, (uintptr_t)Irp, (uintptr_t)InsertContext };
        status = (NTSTATUS)callout_stdcall((const void *)Csq->CsqInsertIrp, 3, args);
    } else {
        call2((const void *)Csq->CsqInsertIrp, Csq, (uintptr_t)Irp);
    }
    if (!NT_SUCCESS(status)) {
        unlock(Csq, irql);
        return status;
    }
    if (Context)
        *Context = (IO_CSQ_IRP_CONTEXT){ IO_TYPE_CSQ_IRP_CONTEXT, Irp, Csq };
    Irp->Tail.Overlay.DriverContext[CSQ_SLOT] = Context ? (PVOID)Context : (PVOID)Csq;
    Irp->Tail.Overlay.CurrentStackLocation->Control |= SL_PENDING_RETURNED; /* IoMarkIrpPending */
    Irp->CancelRoutine = (PVOID)csq_cancel;
    bool cancelled = Irp->Cancel && take_cancel_routine(Irp);
    if (cancelled)
        take_out(Csq, Irp);
    unlock(Csq, irql);
    if (cancelled)
        call2((const void *)Csq->CsqCompleteCanceledIrp, Csq, (uintptr_t)Irp);
    return status;
}

VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context)
{
    IoCsqInsertIrpEx(Csq, Irp, Context, 0);
}

PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context)
{
    KIRQL irql = lock(Csq);
    PIRP irp = Context->Irp;
    if (irp && take_cancel_routine(irp))
        take_out(Csq, irp);
    else
        irp = 0; /* gone, or IoCancelIrp has it: csq_cancel takes it out */
    unlock(Csq, irql);
    return irp;
}

PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext)
{
    KIRQL irql = lock(Csq);
    PIRP irp = 0;
    for (;;) {
        uintptr_t args[] = { (uintptr_t)Csq, (uintptr_t)irp, (uintptr_t)PeekContext };
        irp = (PIRP)callout_stdcall((const void *)Csq->CsqPeekNextIrp, 3, args);
        if (!irp || take_cancel_routine(irp))
            break;
    }
    if (irp)
        take_out(Csq, irp);
    unlock(Csq, irql);
    return irp;
}
