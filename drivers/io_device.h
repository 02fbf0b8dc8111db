/* Device objects (IoCreateDevice, IoDeleteDevice; declared in kernel/wdm.h) and what a driver leaves
 * of them and of its symbolic links at unload. */
#ifndef PAGODA_IO_DEVICE_H
#define PAGODA_IO_DEVICE_H

#include "kernel/wdm.h"

/* After DriverUnload (or a failed DriverEntry): Windows keeps the devices and links a driver leaves;
 * Pagoda prints a line for each and deletes it, since their dispatch routines leave with the image and
 * a reload would find the names taken. owner: the driver's number (kernel/driver_code.h). */
void io_device_delete_left(PDRIVER_OBJECT driver, unsigned owner, const char *driver_name);

/* Device objects count references, as the object manager would (drivers/ob_reference.c): IoCreateDevice
 * gives the I/O manager's own, IoDeleteDevice drops it, and the memory goes with the last one, so a
 * device deleted while a work item still holds it stays readable until the item has run. */
/* The device object at object (made by IoCreateDevice and not yet freed, deleted or not), or NULL. */
PDEVICE_OBJECT io_device_at(const void *object);
/* The device a name gives, through symbolic links (IoGetDeviceObjectPointer), or NULL. */
PDEVICE_OBJECT io_device_named(PCUNICODE_STRING name);
/* One more reference; the count after. */
LONG io_device_reference(PDEVICE_OBJECT device);
/* One less; the count after (the last of a deleted device frees it). -1, with nothing changed, when it
 * would drop the I/O manager's own reference of a device not deleted. */
LONG io_device_dereference(PDEVICE_OBJECT device);

#endif
