/* The kernel's own locks (the pool's, the memory manager's). They keep KeAcquireSpinLock's rules
 * (raise to DISPATCH_LEVEL, 0x0F for a lock taken twice, 0x10 for one released unheld), but their
 * raise never runs the IRQL checker's trim: Driver Verifier forces IRQL checks on drivers' raises,
 * and a trim inside every pool call would page everything out all the time (and the trim itself
 * takes the memory manager's lock). */
#ifndef PAGODA_SPINLOCK_H
#define PAGODA_SPINLOCK_H

#include "wdm.h"

/* KeRaiseIrql's rule (0x09 below the current level), without the IRQL checker; returns the old level. */
KIRQL irql_raise_for_lock(KIRQL level);

/* Raises to DISPATCH_LEVEL and takes the lock; KeReleaseSpinLock gives it back. */
KIRQL spinlock_acquire(PKSPIN_LOCK lock);

#endif
