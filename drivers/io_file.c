/* IoGetDeviceObjectPointer: a device opened by name (through symbolic links) as a client driver opens
 * another's. A FILE_OBJECT is made for it and the top of the device's stack gets IRP_MJ_CREATE, as
 * Windows' open does (a driver that leaves IRP_MJ_CREATE unset refuses every open with
 * STATUS_INVALID_DEVICE_REQUEST, there too); the file object holds a reference on the device, and the
 * last ObDereferenceObject of it sends IRP_MJ_CLEANUP and IRP_MJ_CLOSE before it goes. */
#include "drivers/io_file.h"

#include "drivers/io_device.h"
#include "drivers/irp_build.h"
#include "kernel/lib/kstring.h"
#include "kernel/spinlock.h"

#define TAG_FILE 'eliF' /* "File", the object type's tag on Windows */
#define IO_TYPE_FILE 5

struct open_file {
    FILE_OBJECT file;
    LONG references;
    struct open_file *next;
};

static struct open_file *open_files;
static KSPIN_LOCK files_lock; /* over the list and the counts, as the device list's (system threads) */

static struct open_file *record_of_locked(const void *object)
{
    struct open_file *f = open_files;
    while (f && &f->file != object)
        f = f->next;
    return f;
}

static struct open_file *record_of(const void *object)
{
    KIRQL irql = spinlock_acquire(&files_lock);
    struct open_file *f = record_of_locked(object);
    spinlock_release(&files_lock, irql);
    return f;
}

PFILE_OBJECT io_file_at(const void *object)
{
    struct open_file *f = record_of(object);
    return f ? &f->file : 0;
}

PDEVICE_OBJECT NTAPI IoGetRelatedDeviceObject(PFILE_OBJECT FileObject)
{
    return IoGetAttachedDevice(FileObject->DeviceObject);
}

/* IRP_MJ_CREATE, _CLEANUP or _CLOSE for the file, to the top of its device's stack, waited for. */
static NTSTATUS send(PFILE_OBJECT file, UCHAR major, ACCESS_MASK access)
{
    IO_SECURITY_CONTEXT security = { .DesiredAccess = access };
    return irp_send_and_wait(IoGetRelatedDeviceObject(file), major, file, &security);
}

NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName, ACCESS_MASK DesiredAccess,
                                        PFILE_OBJECT *FileObject, PDEVICE_OBJECT *DeviceObject)
{
    if (!ObjectName || ObjectName->Length < sizeof(WCHAR) || ObjectName->Buffer[0] != '\\')
        return STATUS_OBJECT_NAME_INVALID;
    PDEVICE_OBJECT device = io_device_named(ObjectName);
    if (!device)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    struct open_file *f = ExAllocatePoolWithTag(NonPagedPool, sizeof *f, TAG_FILE);
    if (!f)
        return STATUS_INSUFFICIENT_RESOURCES;
    memset(f, 0, sizeof *f);
    f->file.Type = IO_TYPE_FILE;
    f->file.Size = sizeof(FILE_OBJECT);
    f->file.DeviceObject = device;
    KeInitializeEvent(&f->file.Lock, SynchronizationEvent, FALSE);
    KeInitializeEvent(&f->file.Event, NotificationEvent, FALSE);
    InitializeListHead(&f->file.IrpList);
    io_device_reference(device);
    NTSTATUS status = send(&f->file, IRP_MJ_CREATE, DesiredAccess);
    if (!NT_SUCCESS(status)) {
        io_device_dereference(device);
        ExFreePoolWithTag(f, TAG_FILE);
        return status;
    }
    f->references = 1;
    KIRQL irql = spinlock_acquire(&files_lock);
    f->next = open_files;
    open_files = f;
    spinlock_release(&files_lock, irql);
    *FileObject = &f->file;
    *DeviceObject = IoGetRelatedDeviceObject(&f->file);
    return STATUS_SUCCESS;
}

LONG io_file_reference(PFILE_OBJECT file)
{
    KIRQL irql = spinlock_acquire(&files_lock);
    LONG after = ++record_of_locked(file)->references;
    spinlock_release(&files_lock, irql);
    return after;
}

LONG io_file_dereference(PFILE_OBJECT file)
{
    KIRQL irql = spinlock_acquire(&files_lock);
    struct open_file *f = record_of_locked(file);
    LONG after = --f->references;
    if (!after) { /* the last one: it leaves the list, then closes */
        struct open_file **link = &open_files;
        while (*link != f)
            link = &(*link)->next;
        *link = f->next;
    }
    spinlock_release(&files_lock, irql);
    if (after)
        return after;
    send(file, IRP_MJ_CLEANUP, 0);
    send(file, IRP_MJ_CLOSE, 0);
    io_device_dereference(file->DeviceObject);
    ExFreePoolWithTag(f, TAG_FILE);
    return 0;
}
