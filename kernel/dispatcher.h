/* The dispatcher objects KeWaitForSingleObject and KeWaitForMultipleObjects take besides events and timers (kernel/wait.c): each
 * take is called with interrupts off and returns whether the object was signaled for the caller, having
 * taken it if so. */
#ifndef PAGODA_DISPATCHER_H
#define PAGODA_DISPATCHER_H

#include <stdbool.h>

#include "kernel/wdm.h"

bool mutex_take(PRKMUTEX Mutex);
/* Whether mutex_take would take it: free, or held by the caller (recursive). */
bool mutex_available(PRKMUTEX Mutex);
bool semaphore_take(PRKSEMAPHORE Semaphore);

#endif
