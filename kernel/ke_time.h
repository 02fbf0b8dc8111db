/* Time exports (declared in kernel/wdm.h) and the clock's hook that keeps KeTickCount. */
#ifndef PAGODA_KE_TIME_H
#define PAGODA_KE_TIME_H

#include "kernel/wdm.h"

/* From the clock interrupt (through the timers' tick handler): one more tick in KeTickCount. */
void ke_time_tick(void);

#endif
