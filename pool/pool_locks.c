/* The one lock pool_locks.h describes: its rules live there, next to the calls that take it. */
#include "pool/pool_locks.h"

#include "hal/cpu.h"
#include "kernel/driver_code.h"
#include "kernel/thread.h"
#include "kernel/verifier_violations.h"

KSPIN_LOCK pool_spinlock;

#if POOL_LOCKS
static PKTHREAD paged_owner;
static unsigned paged_depth;
static bool paged_contended; /* a thread waits for it: the release signals */

void pool_paged_mutex_acquire(void)
{
    PKTHREAD self = ke_current_thread;
    for (;;) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        bool mine = !paged_owner || paged_owner == self;
        if (mine) {
            paged_owner = self;
            paged_depth++;
        } else if (paged_contended = true, !thread_wait_switch(UINT64_MAX)) {
            __asm__ volatile("pause"); /* only the owner could give it back, and it cannot run: poll */
        }
        cpu_restore_interrupts(flags);
        if (mine)
            return;
    }
}

void pool_paged_mutex_release(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    bool free = --paged_depth == 0, waiters_may_go = free && paged_contended;
    if (free)
        paged_owner = 0;
    if (waiters_may_go)
        paged_contended = false;
    cpu_restore_interrupts(flags);
    if (waiters_may_go)
        thread_signal();
}
#endif

void pool_free_irql_violation(enum pool_kind kind, ULONG_PTR type, void *p, const void *caller)
{
    KIRQL irql = KeGetCurrentIrql();
    if (driver_code_verified(caller))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION,
                     kind == POOL_KIND_PAGED ? VERIFIER_PAGED_FREE_IRQL : VERIFIER_NONPAGED_FREE_IRQL, irql, type,
                     (ULONG_PTR)p);
    KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_FREE_IRQL, irql, type, (ULONG_PTR)p);
}
