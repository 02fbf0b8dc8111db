/* Shutdown notification (IoRegisterShutdownNotification; declared in kernel/wdm.h). */
#ifndef PAGODA_DRIVERS_IO_SHUTDOWN_H
#define PAGODA_DRIVERS_IO_SHUTDOWN_H

#include "kernel/wdm.h"

/* Every registered device gets IRP_MJ_SHUTDOWN, last registered first (the console's poweroff). */
void io_shutdown(void);

#endif
