/* Per-driver extensions and reinitialization routines (IoAllocateDriverObjectExtension,
 * IoRegisterDriverReinitialization; declared in kernel/wdm.h): what the driver model does with them. */
#ifndef PAGODA_IO_DRIVER_EXTENSION_H
#define PAGODA_IO_DRIVER_EXTENSION_H

#include "kernel/wdm.h"

/* After a successful DriverEntry, at PASSIVE_LEVEL: every reinitialization routine registered, each
 * once, in order, until none is left (one that registers again runs again, its Count one higher). */
void io_driver_reinitialize(void);
/* At unload (or a failed DriverEntry): the driver's extensions freed, its routines not yet run dropped. */
void io_driver_extension_release(PDRIVER_OBJECT driver);

#endif
