/* Device objects (IoCreateDevice, IoDeleteDevice; declared in kernel/wdm.h) and what a driver leaves
 * of them and of its symbolic links at unload. */
#ifndef PAGODA_IO_DEVICE_H
#define PAGODA_IO_DEVICE_H

#include "kernel/wdm.h"

/* After DriverUnload (or a failed DriverEntry): Windows keeps the devices and links a driver leaves;
 * Pagoda prints a line for each and deletes it, since their dispatch routines leave with the image and
 * a reload would find the names taken. owner: the driver's number (kernel/driver_code.h). */
void io_device_delete_left(PDRIVER_OBJECT driver, unsigned owner, const char *driver_name);

#endif
