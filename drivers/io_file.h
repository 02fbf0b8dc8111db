/* File objects, as IoGetDeviceObjectPointer opens them on a device (drivers/io_file.c): counted by
 * ObReferenceObject / ObDereferenceObject (drivers/ob_reference.c) as the object manager would. */
#ifndef PAGODA_DRIVERS_IO_FILE_H
#define PAGODA_DRIVERS_IO_FILE_H

#include "kernel/wdm.h"

/* The open file object at object, or NULL. */
PFILE_OBJECT io_file_at(const void *object);
/* One more reference; the count after. */
LONG io_file_reference(PFILE_OBJECT file);
/* One less; the last one sends the device IRP_MJ_CLEANUP and IRP_MJ_CLOSE and frees the file object.
 * The count after. */
LONG io_file_dereference(PFILE_OBJECT file);

#endif
