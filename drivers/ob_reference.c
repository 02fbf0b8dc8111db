/* Object references without an object manager. A device object counts them (drivers/io_device.h): a
 * reference keeps its memory after IoDeleteDevice until the last one goes, which is what a work item
 * queued for it relies on; so does a thread object (drivers/ps_thread.h): it is freed once it has ended
 * and its last reference and handle are gone; a file object (drivers/io_file.h), whose last one
 * closes it; an event object (drivers/ob_event.h) and a callback object (drivers/ex_callback.h), freed
 * with their last. Dropping more than were taken is 0x18 REFERENCE_BY_POINTER (the object's type, the
 * object, its count, 0), as when Windows finds an object's pointer count going negative. Driver
 * objects, the System process and the boot thread live as long as the kernel, so theirs are not
 * counted (ObfReferenceObject and ObfDereferenceObject return 1: the object lives); so is any other
 * pointer, which Windows would take for an object with a header and Pagoda cannot check. */
#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "drivers/driver_objects.h"
#include "drivers/io_device.h"
#include "drivers/io_file.h"
#include "drivers/ob_named.h"
#include "drivers/ob_handle.h"
#include "drivers/ps_thread.h"

static struct _OBJECT_TYPE process_type = { "Process" }, device_type = { "Device" }, file_type = { "File" },
                           driver_type = { "Driver" };
static POBJECT_TYPE process_type_pointer = &process_type, device_type_pointer = &device_type,
                    file_type_pointer = &file_type, driver_type_pointer = &driver_type;
/* Data exports; *PsThreadType: drivers/ps_thread.c. */
POBJECT_TYPE *PsProcessType = &process_type_pointer, *IoDeviceObjectType = &device_type_pointer,
             *IoFileObjectType = &file_type_pointer, *IoDriverObjectType = &driver_type_pointer;

#define UNCOUNTED 1

/* A thread other than the boot thread, which counts its references. */
static PKTHREAD counted_thread(PVOID object)
{
    return object == &ke_boot_thread ? 0 : thread_at(object);
}

LONG_PTR FASTCALL ObfReferenceObject(PVOID Object)
{
    PKTHREAD thread = counted_thread(Object);
    if (thread) {
        ps_thread_reference(thread);
        return thread->references;
    }
    struct ob_named *named = ob_named_of(Object);
    if (named)
        return ob_named_reference(named);
    PDEVICE_OBJECT device = io_device_at(Object);
    PFILE_OBJECT file = device ? 0 : io_file_at(Object);
    return device ? io_device_reference(device) : file ? io_file_reference(file) : UNCOUNTED;
}

LONG_PTR FASTCALL ObfDereferenceObject(PVOID Object)
{
    PKTHREAD thread = counted_thread(Object);
    if (thread) {
        LONG after = thread->references - 1; /* read before: the last dereference frees it */
        ps_thread_dereference(thread);
        return after;
    }
    struct ob_named *named = ob_named_of(Object);
    if (named)
        return ob_named_dereference(named);
    PDEVICE_OBJECT device = io_device_at(Object);
    PFILE_OBJECT file = device ? 0 : io_file_at(Object);
    if (!device && !file)
        return UNCOUNTED;
    LONG after = device ? io_device_dereference(device) : io_file_dereference(file);
    if (after < 0)
        KeBugCheckEx(BUGCHECK_REFERENCE_BY_POINTER, (ULONG_PTR)(device ? &device_type : &file_type), (ULONG_PTR)Object,
                     1, 0);
    return after;
}

static POBJECT_TYPE type_of(PVOID object)
{
    struct ob_named *named = ob_named_of(object);
    return object == PsGetCurrentProcess() ? &process_type
           : thread_at(object)              ? &ps_thread_type
           : io_device_at(object)           ? &device_type
           : io_file_at(object)             ? &file_type
           : named                          ? named->type
           : driver_object_at(object)       ? &driver_type
                                            : 0;
}

/* STATUS_OBJECT_TYPE_MISMATCH when ObjectType (*PsProcessType, *PsThreadType, *IoDriverObjectType,
 * *IoDeviceObjectType, *IoFileObjectType, *ExEventObjectType, *ExCallbackObjectType, or NULL for any) is not
 * the object's; kernel mode has every access, and there is no user mode. */
NTSTATUS NTAPI ObReferenceObjectByPointer(PVOID Object, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                          KPROCESSOR_MODE AccessMode)
{
    (void)DesiredAccess, (void)AccessMode;
    if (ObjectType && ObjectType != type_of(Object))
        return STATUS_OBJECT_TYPE_MISMATCH;
    ObfReferenceObject(Object);
    return STATUS_SUCCESS;
}

/* The loaded driver whose DriverName ("\Driver\X") is name, in any case, or NULL. */
static PDRIVER_OBJECT driver_named(PCUNICODE_STRING name)
{
    unsigned cursor = 0;
    for (PDRIVER_OBJECT d; (d = driver_objects_next_mapped(&cursor));)
        if (RtlEqualUnicodeString(&d->DriverName, name, TRUE))
            return d;
    return 0;
}

/* A loaded driver's object ("\Driver\X") or a device object ("\Device\X", or a symbolic link to one),
 * referenced as ObReferenceObjectByPointer would; STATUS_OBJECT_NAME_NOT_FOUND for any other name (an
 * event or a callback object opens with its own routine), the name checks of ob_name_check. */
NTSTATUS NTAPI ObReferenceObjectByName(PUNICODE_STRING ObjectName, ULONG Attributes, PVOID PassedAccessState,
                                       ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode,
                                       PVOID ParseContext, PVOID *Object)
{
    (void)Attributes, (void)PassedAccessState, (void)ParseContext; /* names compare in any case */
    if (!ObjectName || !ObjectName->Length)
        return STATUS_OBJECT_NAME_INVALID;
    NTSTATUS status = ob_name_check(ObjectName);
    if (!NT_SUCCESS(status))
        return status;
    PVOID object = driver_named(ObjectName);
    if (!object)
        object = io_device_named(ObjectName);
    if (!object)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    status = ObReferenceObjectByPointer(object, DesiredAccess, ObjectType, AccessMode);
    if (NT_SUCCESS(status))
        *Object = object;
    return status;
}

/* A handle of the table (drivers/ob_handle.h), or NtCurrentThread() / NtCurrentProcess(), the
 * pseudo-handles they are on Windows; kernel mode has every access. */
NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess, POBJECT_TYPE ObjectType,
                                         KPROCESSOR_MODE AccessMode, PVOID *Object,
                                         POBJECT_HANDLE_INFORMATION HandleInformation)
{
    (void)AccessMode;
    NTSTATUS status;
    if (Handle == NtCurrentThread() || Handle == NtCurrentProcess()) {
        PVOID object = Handle == NtCurrentThread() ? (PVOID)KeGetCurrentThread() : (PVOID)PsGetCurrentProcess();
        status = ObjectType && ObjectType != type_of(object) ? STATUS_OBJECT_TYPE_MISMATCH : STATUS_SUCCESS;
        if (NT_SUCCESS(status)) {
            ObfReferenceObject(object);
            *Object = object;
        }
    } else {
        status = ob_handle_reference(Handle, ObjectType, Object);
    }
    if (NT_SUCCESS(status) && HandleInformation)
        *HandleInformation = (OBJECT_HANDLE_INFORMATION){ .HandleAttributes = 0, .GrantedAccess = DesiredAccess };
    return status;
}
