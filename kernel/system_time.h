/* System time as Windows keeps it: 100 ns units since 1 January 1601 (UTC), from the real-time clock's
 * date at boot and the clock's ticks since. */
#ifndef PAGODA_SYSTEM_TIME_H
#define PAGODA_SYSTEM_TIME_H

#include "kernel/wdm.h"

/* Reads the real-time clock: system time from then on is that date plus the interrupt time since. */
void system_time_init(void);

/* The system time of a date (month and day from 1), from 1601 on (RtlTimeFieldsToTime's; 0 for a date it
 * refuses). */
ULONGLONG system_time_of_date(unsigned year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                              unsigned second);

/* The interrupt time at which the system time is t (0 for a time before the boot). */
ULONGLONG system_time_to_interrupt_time(ULONGLONG t);

#endif
