/* The I/O manager's own dispatch routine (drivers/irp.c): what every MajorFunction[] entry holds
 * until the driver sets it, as on Windows, so an IRP sent for a function the driver does not handle
 * completes with STATUS_INVALID_DEVICE_REQUEST instead of calling nowhere. */
#ifndef PAGODA_DRIVERS_IRP_H
#define PAGODA_DRIVERS_IRP_H

#include "kernel/wdm.h"

NTSTATUS NTAPI io_invalid_device_request(PDEVICE_OBJECT DeviceObject, PIRP Irp);

/* For the IRPs the I/O manager builds (drivers/irp_build.c): their system buffers' tag; a synchronous
 * one goes on the thread's IRP list, so that completion past the top fills its status block, sets its
 * event and frees it; and what completion (or a build that ran out of pool) does with their buffers:
 * a buffered read copied back, the system buffer freed, the MDLs unlocked and freed. */
#define TAG_SYSTEM_BUFFER 'fBoI' /* "IoBf" */
void irp_thread_queue(PIRP irp);
void irp_release_buffers(PIRP irp);

#endif
