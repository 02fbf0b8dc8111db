/* The process manager's notify routines (PsSetCreateThreadNotifyRoutine, PsSetLoadImageNotifyRoutine,
 * PsSetCreateProcessNotifyRoutine; declared in kernel/wdm.h): who calls them, and the unload check. */
#ifndef PAGODA_PS_NOTIFY_H
#define PAGODA_PS_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/thread.h"
#include "kernel/wdm.h"

#define PS_NOTIFY_MAX 64 /* routines of each kind, as Windows allows */

/* Each thread routine with (the System process, thread, create): at its creation in the creator's
 * context before it first runs (drivers/ps_thread.c), at its end in its own (thread_exit's hook). */
void ps_notify_thread(PKTHREAD thread, bool create);
void ps_notify_thread_ended(PKTHREAD thread); /* ps_notify_thread(thread, false): thread_exit's hook */
/* Each image routine with (FullImageName, process 0: a driver, info), after a driver image is mapped
 * and before its DriverEntry. */
void ps_notify_image(PUNICODE_STRING full_name, PIMAGE_INFO info);
/* 0xCE DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS when a notify routine of any kind still
 * registered lies in [lo, hi), the image about to go: the next thread or image would be reported to
 * unmapped code. p1 the routine (the memory that would be referenced), p2 8 (an execute, as Windows
 * reports the call into it), p3 the routine (the instruction that would reference it), p4 0. */
void ps_notify_check_unload(uintptr_t lo, uintptr_t hi);

#endif
