/* The StartIo model: a device handles one IRP at a time in its driver's DriverStartIo, the rest wait
 * in its device queue. IoStartPacket starts the IRP at once when the device is idle, else queues it
 * (cancelable while it waits, with a cancel routine); IoStartNextPacket, from the driver when it
 * finishes the current IRP, starts the next. The driver runs at DISPATCH_LEVEL in StartIo, as on
 * Windows. */
#include "kernel/callout.h"
#include "kernel/wdm.h"

static void start(PDEVICE_OBJECT device, PIRP irp)
{
    device->CurrentIrp = irp;
    uintptr_t args[] = { (uintptr_t)device, (uintptr_t)irp };
    callout_stdcall((const void *)device->DriverObject->DriverStartIo, 2, args);
}

VOID NTAPI IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key, PVOID CancelFunction)
{
    KIRQL irql, cancel_irql = 0;
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    if (CancelFunction) {
        IoAcquireCancelSpinLock(&cancel_irql);
        Irp->CancelRoutine = CancelFunction;
    }
    PKDEVICE_QUEUE_ENTRY entry = &Irp->Tail.Overlay.DeviceQueueEntry;
    BOOLEAN queued = Key ? KeInsertByKeyDeviceQueue(&DeviceObject->DeviceQueue, entry, *Key)
                         : KeInsertDeviceQueue(&DeviceObject->DeviceQueue, entry);
    if (CancelFunction)
        IoReleaseCancelSpinLock(cancel_irql);
    if (!queued)
        start(DeviceObject, Irp);
    KeLowerIrql(irql);
}

static void start_next(PDEVICE_OBJECT device, BOOLEAN cancelable, BOOLEAN by_key, ULONG key)
{
    KIRQL irql, cancel_irql = 0;
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    device->CurrentIrp = 0;
    if (cancelable)
        IoAcquireCancelSpinLock(&cancel_irql);
    PKDEVICE_QUEUE_ENTRY entry = by_key ? KeRemoveByKeyDeviceQueue(&device->DeviceQueue, key)
                                        : KeRemoveDeviceQueue(&device->DeviceQueue);
    if (cancelable)
        IoReleaseCancelSpinLock(cancel_irql);
    if (entry)
        start(device, CONTAINING_RECORD(entry, IRP, Tail.Overlay.DeviceQueueEntry));
    KeLowerIrql(irql);
}

VOID NTAPI IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable)
{
    start_next(DeviceObject, Cancelable, FALSE, 0);
}

VOID NTAPI IoStartNextPacketByKey(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable, ULONG Key)
{
    start_next(DeviceObject, Cancelable, TRUE, Key);
}
