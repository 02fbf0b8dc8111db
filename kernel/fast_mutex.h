/* The core of a fast mutex (kernel/fast_mutex.c), which guarded mutexes share (kernel/guarded_mutex.c):
 * Windows has built its fast mutex on the guarded mutex since Vista, and the two structures agree in
 * Count, Owner, Contention and the 16-byte event (a gate, for the guarded mutex) after them. */
#ifndef PAGODA_FAST_MUTEX_H
#define PAGODA_FAST_MUTEX_H

#include "kernel/wdm.h"

/* Takes the mutex for the current thread if it is free; FALSE, nothing changed, if it is held. */
BOOLEAN fast_mutex_take(PFAST_MUTEX m);
/* Takes it, waiting on its event while another thread holds it (for ever if the caller does). */
VOID fast_mutex_acquire(PFAST_MUTEX m);
/* Frees it and wakes a waiter, if one counted itself. */
VOID fast_mutex_release(PFAST_MUTEX m);

#endif
