/* IRPs the I/O manager builds for drivers to send: IoBuildDeviceIoControlRequest,
 * IoBuildSynchronousFsdRequest and IoBuildAsynchronousFsdRequest. The buffers are what the target
 * expects: for a control code its transfer method (METHOD_BUFFERED: one system buffer for both
 * directions; IN/OUT_DIRECT: the input in a system buffer, the output described by an MDL, probed
 * and locked; NEITHER: the caller's own pointers), for a read or write the device's DO_BUFFERED_IO or
 * DO_DIRECT_IO. The two synchronous kinds are "threaded": queued on the thread's IRP list (Pagoda's one
 * list, drivers/irp.h), so that completion past the top knows to fill the caller's status block, set its event and
 * free the IRP, as Windows' I/O completion does. */
#include "drivers/irp_build.h"

#include <stdbool.h>

#include "drivers/irp.h"
#include "kernel/lib/kstring.h"

static PIO_STACK_LOCATION next_location(PIRP irp)
{
    return irp->Tail.Overlay.CurrentStackLocation - 1;
}

/* A system buffer of bytes (0: none) holding a copy of in when given; false when the pool is out. */
static bool system_buffer(PIRP irp, ULONG bytes, const void *in, ULONG in_bytes)
{
    if (!bytes)
        return true;
    void *b = ExAllocatePoolWithTag(NonPagedPool, bytes, TAG_SYSTEM_BUFFER);
    if (!b)
        return false;
    if (in && in_bytes)
        memcpy(b, in, in_bytes);
    irp->AssociatedIrp.SystemBuffer = b;
    irp->Flags |= IRP_BUFFERED_IO | IRP_DEALLOCATE_BUFFER;
    return true;
}

/* An MDL for the caller's buffer, locked for the access the device makes; false when the pool is out. */
static bool locked_mdl(PIRP irp, PVOID buffer, ULONG bytes, LOCK_OPERATION access)
{
    if (!buffer || !bytes)
        return true;
    PMDL mdl = IoAllocateMdl(buffer, bytes, FALSE, FALSE, irp);
    if (mdl)
        MmProbeAndLockPages(mdl, KernelMode, access);
    return mdl != 0;
}

static PIRP new_irp(PDEVICE_OBJECT device, UCHAR major)
{
    PIRP irp = IoAllocateIrp(device->StackSize, FALSE);
    if (irp) {
        irp->RequestorMode = KernelMode;
        irp->Tail.Overlay.Thread = KeGetCurrentThread();
        next_location(irp)->MajorFunction = major;
    }
    return irp;
}

/* The buffers and the IRP of a build that ran out of pool. */
static PIRP abandon(PIRP irp)
{
    irp_release_buffers(irp);
    IoFreeIrp(irp);
    return 0;
}

PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode, PDEVICE_OBJECT DeviceObject, PVOID InputBuffer,
                                         ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength,
                                         BOOLEAN InternalDeviceIoControl, PKEVENT Event,
                                         PIO_STATUS_BLOCK IoStatusBlock)
{
    PIRP irp = new_irp(DeviceObject, InternalDeviceIoControl ? IRP_MJ_INTERNAL_DEVICE_CONTROL : IRP_MJ_DEVICE_CONTROL);
    if (!irp)
        return 0;
    PIO_STACK_LOCATION s = next_location(irp);
    s->Parameters.DeviceIoControl.OutputBufferLength = OutputBufferLength;
    s->Parameters.DeviceIoControl.InputBufferLength = InputBufferLength;
    s->Parameters.DeviceIoControl.IoControlCode = IoControlCode;
    bool ok = true;
    switch (IoControlCode & 3) {
    case METHOD_BUFFERED:
        ok = system_buffer(irp, InputBufferLength > OutputBufferLength ? InputBufferLength : OutputBufferLength,
                           InputBuffer, InputBufferLength);
        if (OutputBuffer && OutputBufferLength)
            irp->Flags |= IRP_INPUT_OPERATION;
        irp->UserBuffer = OutputBuffer;
        break;
    case METHOD_IN_DIRECT:
    case METHOD_OUT_DIRECT:
        ok = system_buffer(irp, InputBufferLength, InputBuffer, InputBufferLength) &&
             locked_mdl(irp, OutputBuffer, OutputBufferLength,
                        (IoControlCode & 3) == METHOD_IN_DIRECT ? IoReadAccess : IoWriteAccess);
        break;
    default: /* METHOD_NEITHER */
        s->Parameters.DeviceIoControl.Type3InputBuffer = InputBuffer;
        irp->UserBuffer = OutputBuffer;
    }
    if (!ok)
        return abandon(irp);
    irp->UserIosb = IoStatusBlock;
    irp->UserEvent = Event;
    irp_thread_queue(irp);
    return irp;
}

PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject, PVOID Buffer, ULONG Length,
                                         PLARGE_INTEGER StartingOffset, PIO_STATUS_BLOCK IoStatusBlock)
{
    PIRP irp = new_irp(DeviceObject, (UCHAR)MajorFunction);
    if (!irp)
        return 0;
    irp->UserIosb = IoStatusBlock;
    if (MajorFunction != IRP_MJ_READ && MajorFunction != IRP_MJ_WRITE)
        return irp; /* flush, shutdown, PnP, power: no buffer */
    bool read = MajorFunction == IRP_MJ_READ, ok = true;
    PIO_STACK_LOCATION s = next_location(irp);
    s->Parameters.Read.Length = Length; /* Write's fields lie where Read's do */
    if (StartingOffset)
        s->Parameters.Read.ByteOffset = *StartingOffset;
    if (DeviceObject->Flags & DO_BUFFERED_IO) {
        ok = system_buffer(irp, Length, read ? 0 : Buffer, Length);
        if (read)
            irp->Flags |= IRP_INPUT_OPERATION;
        irp->UserBuffer = Buffer;
    } else if (DeviceObject->Flags & DO_DIRECT_IO) {
        ok = locked_mdl(irp, Buffer, Length, read ? IoWriteAccess : IoReadAccess); /* a read writes memory */
    } else {
        irp->UserBuffer = Buffer;
    }
    return ok ? irp : abandon(irp);
}

PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject, PVOID Buffer, ULONG Length,
                                        PLARGE_INTEGER StartingOffset, PKEVENT Event, PIO_STATUS_BLOCK IoStatusBlock)
{
    PIRP irp = IoBuildAsynchronousFsdRequest(MajorFunction, DeviceObject, Buffer, Length, StartingOffset, IoStatusBlock);
    if (irp) {
        irp->UserEvent = Event;
        irp_thread_queue(irp);
    }
    return irp;
}

NTSTATUS irp_send_and_wait(PDEVICE_OBJECT device, UCHAR major, PFILE_OBJECT file, PIO_SECURITY_CONTEXT security)
{
    KEVENT done;
    IO_STATUS_BLOCK iosb;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    PIRP irp = IoBuildSynchronousFsdRequest(major, device, 0, 0, 0, &done, &iosb);
    if (!irp)
        return STATUS_INSUFFICIENT_RESOURCES;
    PIO_STACK_LOCATION next = next_location(irp);
    next->FileObject = file;
    irp->Tail.Overlay.OriginalFileObject = file;
    if (major == IRP_MJ_CREATE)
        next->Parameters.Create.SecurityContext = security;
    NTSTATUS status = IofCallDriver(device, irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, 0);
        status = iosb.Status;
    }
    return status;
}
