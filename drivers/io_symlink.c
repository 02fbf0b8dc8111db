/* IoCreateSymbolicLink and IoDeleteSymbolicLink: a link is a name in the I/O manager's table
 * (drivers/io_names.h) that holds the name it points to. As on Windows the target need not exist, and a
 * link stays until deleted; each records the driver whose code made it, for the unload report. */
#include "kernel/driver_code.h"
#include "kernel/wdm.h"
#include "drivers/io_names.h"


NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName)
{
    struct io_name *entry;
    if (!DeviceName || !DeviceName->Buffer)
        return STATUS_INVALID_PARAMETER;
    return io_name_insert(SymbolicLinkName, IO_NAME_LINK, DeviceName,
                          driver_code_owner(__builtin_return_address(0)), &entry);
}

/* A device's own name is no link: Windows fails to open it as one. */
NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName)
{
    struct io_name *entry = SymbolicLinkName && SymbolicLinkName->Buffer ? io_name_find(SymbolicLinkName) : 0;
    if (!entry)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    if (entry->kind != IO_NAME_LINK)
        return STATUS_OBJECT_TYPE_MISMATCH;
    io_name_remove(entry);
    return STATUS_SUCCESS;
}
