/* The I/O manager's own dispatch routine (drivers/irp.c): what every MajorFunction[] entry holds
 * until the driver sets it, as on Windows, so an IRP sent for a function the driver does not handle
 * completes with STATUS_INVALID_DEVICE_REQUEST instead of calling nowhere. */
#ifndef PAGODA_DRIVERS_IRP_H
#define PAGODA_DRIVERS_IRP_H

#include "kernel/wdm.h"

NTSTATUS NTAPI io_invalid_device_request(PDEVICE_OBJECT DeviceObject, PIRP Irp);

#endif
