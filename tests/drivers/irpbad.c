/* "irpbad": two ways to get cancellation wrong, for tests/scenarios/test_irp.py, each a routine whose
 * address DriverEntry prints for the test to `call`: CompleteCancelable completes an IRP whose cancel
 * routine is still set (0x48 CANCEL_STATE_IN_COMPLETED_IRP); CancelHolding cancels an IRP whose cancel
 * routine returns without releasing the cancel spinlock (0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK). */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD IrpBadUnload;
ULONG CompleteCancelable(ULONG Unused);
ULONG CancelHolding(ULONG Unused);

static VOID KeepsTheLock(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp); /* the bug: no IoReleaseCancelSpinLock(Irp->CancelIrql) */
}

static PIRP CancelableIrp(VOID)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    if (irp) {
        IoSetNextIrpStackLocation(irp); /* as if a dispatch routine of ours held it */
        IoSetCancelRoutine(irp, KeepsTheLock);
    }
    return irp;
}

ULONG CompleteCancelable(ULONG Unused)
{
    UNREFERENCED_PARAMETER(Unused);
    PIRP irp = CancelableIrp();
    if (irp)
        IoCompleteRequest(irp, IO_NO_INCREMENT);
    return (ULONG)(ULONG_PTR)irp;
}

ULONG CancelHolding(ULONG Unused)
{
    UNREFERENCED_PARAMETER(Unused);
    PIRP irp = CancelableIrp();
    if (irp)
        IoCancelIrp(irp);
    return (ULONG)(ULONG_PTR)irp;
}

VOID IrpBadUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = IrpBadUnload;
    DbgPrint("irpbad: CompleteCancelable %p CancelHolding %p KeepsTheLock %p\n", (PVOID)CompleteCancelable,
             (PVOID)CancelHolding, (PVOID)KeepsTheLock);
    return STATUS_SUCCESS;
}
