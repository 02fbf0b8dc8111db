/* The kernel's own locks (the pool's, the memory manager's). They keep KeAcquireSpinLock's rules
 * (raise to DISPATCH_LEVEL, 0x0F for a lock taken twice, 0x10 for one released unheld), but their
 * raise never runs the IRQL checker's trim: Driver Verifier forces IRQL checks on drivers' raises,
 * and a trim inside every pool call would page everything out all the time (and the trim itself
 * takes the memory manager's lock). Inline: every pool call takes one. */
#ifndef PAGODA_SPINLOCK_H
#define PAGODA_SPINLOCK_H

#include "kernel/thread.h"
#include "kernel/wdm.h"

/* A held lock's word, as NT's checked build writes it: the owner thread's address | 1. */
#define SPINLOCK_HELD ((KSPIN_LOCK)ke_current_thread | 1)

/* Bugchecks 0x09 (a raise below the current level; p4 the caller), 0x0F and 0x10. */
__attribute__((noreturn)) void irql_raise_refused(KIRQL level, KIRQL current, ULONG_PTR caller);
__attribute__((noreturn)) void spinlock_already_owned(PKSPIN_LOCK lock);
__attribute__((noreturn)) void spinlock_not_owned(PKSPIN_LOCK lock);

#if defined(__i386__)
/* KeRaiseIrql's rule without the IRQL checker; returns the old level. An interrupt between the read and
 * the write returns with the IRQL it found, so the pair needs no more than the compiler barrier that
 * keeps the locked code after it. */
static inline KIRQL irql_raise_for_lock(KIRQL level)
{
    KIRQL old = KeGetCurrentIrql();
    if (level < old) /* p4: the caller of the function that takes the lock */
        irql_raise_refused(level, old, (ULONG_PTR)__builtin_return_address(0));
    irql_state.current = level;
    __asm__ volatile("" : : : "memory");
    return old;
}
#else
KIRQL irql_raise_for_lock(KIRQL level); /* host/irql_host.c */
#endif

static inline void spinlock_take(PKSPIN_LOCK lock)
{
    volatile KSPIN_LOCK *word = lock;
    if (*word)
        spinlock_already_owned(lock);
    *word = SPINLOCK_HELD;
}

static inline void spinlock_give(PKSPIN_LOCK lock)
{
    volatile KSPIN_LOCK *word = lock;
    if (!*word)
        spinlock_not_owned(lock);
    *word = 0;
}

/* Raises to DISPATCH_LEVEL and takes the lock. */
static inline KIRQL spinlock_acquire(PKSPIN_LOCK lock)
{
    KIRQL old = irql_raise_for_lock(DISPATCH_LEVEL);
    spinlock_take(lock);
    return old;
}

static inline void spinlock_release(PKSPIN_LOCK lock, KIRQL old)
{
    spinlock_give(lock);
    KeLowerIrql(old);
}

/* For readers that may run at any IRQL (the console's statistics and walks): the lock, except above
 * DISPATCH_LEVEL, where no DPC runs and a spinlock may not be taken. Returns what
 * spinlock_release_reader needs: the old IRQL, or HIGH_LEVEL when nothing was taken. */
static inline KIRQL spinlock_acquire_reader(PKSPIN_LOCK lock)
{
    return KeGetCurrentIrql() > DISPATCH_LEVEL ? HIGH_LEVEL : spinlock_acquire(lock);
}

static inline void spinlock_release_reader(PKSPIN_LOCK lock, KIRQL old)
{
    if (old <= DISPATCH_LEVEL)
        spinlock_release(lock, old);
}

#endif
