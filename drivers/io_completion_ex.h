/* IoSetCompletionRoutineEx (declared in kernel/wdm.h): its routines still to run when a driver unloads. */
#ifndef PAGODA_IO_COMPLETION_EX_H
#define PAGODA_IO_COMPLETION_EX_H

#include <stdint.h>

/* At unload, at PASSIVE_LEVEL: Windows keeps the image until every completion routine set with
 * IoSetCompletionRoutineEx in it has run; Pagoda unloads at once, so it waits here (other threads, DPCs
 * and timers run meanwhile) up to IO_COMPLETION_EX_WAIT_SECONDS for those in [lo, hi), then stops
 * with 0xCE DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS (the routine, 8 execute, the
 * routine, 0): its IRP would complete into unmapped code. */
#define IO_COMPLETION_EX_WAIT_SECONDS 5
void io_completion_ex_wait(uintptr_t lo, uintptr_t hi);

#endif
