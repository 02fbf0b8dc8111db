/* Device timers (IoInitializeTimer, IoStartTimer, IoStopTimer; declared in kernel/wdm.h). */
#ifndef PAGODA_DRIVERS_IO_TIMER_H
#define PAGODA_DRIVERS_IO_TIMER_H

#include "kernel/wdm.h"

/* The device's timer stops and goes (IoDeleteDevice). */
void io_timer_delete(PDEVICE_OBJECT device);

#endif
