/* The pool's locks and IRQL rules. A nonpaged pool call holds pool_spinlock throughout, at
 * DISPATCH_LEVEL, so a DPC's allocation never lands in the middle of one. The spinlock also guards
 * what both pools share: the tag table, the page table, the stats, the must-succeed reserve and the
 * verifier's tracking. A paged pool call touches pageable pages, so it cannot run at DISPATCH_LEVEL:
 * like NT's paged pool (guarded) mutex it raises to APC_LEVEL and owns a mutex, so that another thread,
 * which may run when this one is preempted or waits, cannot come into it (a DPC may not use paged
 * pool); it takes the spinlock only around what it shares. The mutex is recursive for its owner. */
#ifndef PAGODA_POOL_LOCKS_H
#define PAGODA_POOL_LOCKS_H

#include "kernel/spinlock.h"
#include "pool/pool_type.h"
#include "pool/pool_violations.h"

extern KSPIN_LOCK pool_spinlock;
/* The paged pool's mutex: taken at APC_LEVEL; a thread that finds it owned by another waits, other
 * threads running meanwhile (pool_locks.c). */
void pool_paged_mutex_acquire(void);
void pool_paged_mutex_release(void);
/* The host library has one thread and no DPCs: there its pool takes no locks at all. */
#if defined(__i386__)
#define POOL_LOCKS 1
#else
#define POOL_LOCKS 0
#endif

static inline KIRQL pool_lock(enum pool_kind kind)
{
    if (!POOL_LOCKS)
        return PASSIVE_LEVEL;
    if (kind != POOL_KIND_PAGED)
        return spinlock_acquire(&pool_spinlock);
    KIRQL old = irql_raise_for_lock(APC_LEVEL);
    pool_paged_mutex_acquire();
    return old;
}

static inline void pool_unlock(enum pool_kind kind, KIRQL old)
{
    if (!POOL_LOCKS)
        return;
    if (kind == POOL_KIND_PAGED) {
        pool_paged_mutex_release();
        KeLowerIrql(old);
    } else {
        spinlock_release(&pool_spinlock, old);
    }
}

/* pool_lock for a call that read the IRQL itself and found it (irql) no higher than
 * pool_highest_irql(kind): the raise's own test, a raise below the current level, cannot fail. */
static inline KIRQL pool_lock_at(enum pool_kind kind, KIRQL irql)
{
#if POOL_LOCKS
    irql_state.current = kind == POOL_KIND_PAGED ? APC_LEVEL : DISPATCH_LEVEL;
    __asm__ volatile("" : : : "memory");
    if (kind != POOL_KIND_PAGED)
        spinlock_take(&pool_spinlock);
    else
        pool_paged_mutex_acquire();
#else
    (void)kind;
#endif
    return irql;
}

/* Around a use of the shared tables inside a call that holds pool_lock(kind). */
static inline KIRQL pool_shared_begin(enum pool_kind kind)
{
    return POOL_LOCKS && kind == POOL_KIND_PAGED ? spinlock_acquire(&pool_spinlock) : DISPATCH_LEVEL;
}

static inline void pool_shared_end(enum pool_kind kind, KIRQL old)
{
    if (POOL_LOCKS && kind == POOL_KIND_PAGED)
        spinlock_release(&pool_spinlock, old);
}

/* For readers that may run at any IRQL (poolmon, !pool, the stats): spinlock_acquire_reader. */
static inline KIRQL pool_tables_lock(void)
{
    return POOL_LOCKS ? spinlock_acquire_reader(&pool_spinlock) : HIGH_LEVEL;
}

static inline void pool_tables_unlock(KIRQL old)
{
    spinlock_release_reader(&pool_spinlock, old);
}

/* The highest IRQL at which a block of this kind may be allocated or freed. */
static inline KIRQL pool_highest_irql(enum pool_kind kind)
{
    return kind == POOL_KIND_PAGED ? APC_LEVEL : DISPATCH_LEVEL;
}

/* Bugcheck 0xC2/0x09, or Driver Verifier's 0xC4/0x11 (paged) or 0x12 (nonpaged) when caller (the return
 * address of the free's caller) lies in a verified driver: (IRQL, pool type, address) either way. */
__attribute__((noreturn, cold)) void pool_free_irql_violation(enum pool_kind kind, ULONG_PTR type, void *p,
                                                              const void *caller);

/* When the current IRQL is too high to free a block of this kind; returns the IRQL. */
static inline KIRQL pool_check_free_irql(enum pool_kind kind, ULONG_PTR type, void *p, const void *caller)
{
    KIRQL irql = KeGetCurrentIrql();
    if (irql > pool_highest_irql(kind))
        pool_free_irql_violation(kind, type, p, caller);
    return irql;
}

#endif
