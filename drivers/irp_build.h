/* What the I/O manager's own code sends with the IRPs it builds (drivers/irp_build.c). */
#ifndef PAGODA_DRIVERS_IRP_BUILD_H
#define PAGODA_DRIVERS_IRP_BUILD_H

#include "kernel/wdm.h"

/* A request with no buffer (IRP_MJ_CREATE, _CLEANUP and _CLOSE for a file object; IRP_MJ_SHUTDOWN),
 * built, sent to device and waited for if it pends: its status, STATUS_INSUFFICIENT_RESOURCES when no
 * IRP could be had. file and security (IRP_MJ_CREATE's) may be NULL. */
NTSTATUS irp_send_and_wait(PDEVICE_OBJECT device, UCHAR major, PFILE_OBJECT file, PIO_SECURITY_CONTEXT security);

#endif
