/* I/O work items (IoAllocateWorkItem, IoQueueWorkItem, IoFreeWorkItem; declared in kernel/wdm.h) on
 * the system work queue (kernel/work_queue.h). A queued item holds a reference on its device object
 * (drivers/io_device.h) until its routine has returned. */
#ifndef PAGODA_IO_WORKITEM_H
#define PAGODA_IO_WORKITEM_H

#include "kernel/wdm.h"

/* Runs now the queued I/O work items of the driver's devices: what must happen before its image may
 * go, as on Windows the references they hold keep the image until they have run. */
void io_workitem_run_for_driver(PDRIVER_OBJECT driver);

#endif
