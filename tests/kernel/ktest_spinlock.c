/* Spinlocks: the IRQL they raise to and restore, the lock word, and DPCs held off while one is held. */
#include "kernel/ktest.h"
#include "kernel/wdm.h"
#include "tests/kernel/dpc_log.h"

static void acquire_raises_to_dispatch_level_and_release_restores(struct ktest *t)
{
    KSPIN_LOCK lock;
    KIRQL old, outer;
    KeInitializeSpinLock(&lock);
    KT_EXPECT(t, lock == 0);
    KeAcquireSpinLock(&lock, &old);
    KT_EXPECT(t, old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL && lock != 0);
    KeReleaseSpinLock(&lock, old);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL && lock == 0);
    KeRaiseIrql(APC_LEVEL, &outer);
    KeAcquireSpinLock(&lock, &old);
    KT_EXPECT(t, old == APC_LEVEL);
    KeReleaseSpinLock(&lock, old);
    KT_EXPECT(t, KeGetCurrentIrql() == APC_LEVEL);
    KeLowerIrql(outer);
}

static void at_dpc_level_forms_leave_irql_alone(struct ktest *t)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeAcquireSpinLockAtDpcLevel(&lock);
    KT_EXPECT(t, lock != 0 && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KT_EXPECT(t, !KeTestSpinLock(&lock) && !KeTryToAcquireSpinLockAtDpcLevel(&lock)); /* held: no */
    KeReleaseSpinLockFromDpcLevel(&lock);
    KT_EXPECT(t, KeTestSpinLock(&lock) && KeTryToAcquireSpinLockAtDpcLevel(&lock) && lock != 0);
    KeReleaseSpinLockFromDpcLevel(&lock);
    KT_EXPECT(t, lock == 0 && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeLowerIrql(old);
}

static void dpcs_wait_for_the_lock_to_be_released(struct ktest *t)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KDPC dpc;
    KeInitializeSpinLock(&lock);
    dpc_log_reset();
    KeInitializeDpc(&dpc, dpc_log_routine, (PVOID)'s');
    KeAcquireSpinLock(&lock, &old);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    KT_EXPECT(t, dpc_log.count == 0);
    KeReleaseSpinLock(&lock, old);
    KT_EXPECT(t, dpc_log.count == 1);
}

static const struct ktest_case spinlock_cases[] = {
    { "acquire_raises_to_dispatch_level_and_release_restores", acquire_raises_to_dispatch_level_and_release_restores },
    { "at_dpc_level_forms_leave_irql_alone", at_dpc_level_forms_leave_irql_alone },
    { "dpcs_wait_for_the_lock_to_be_released", dpcs_wait_for_the_lock_to_be_released },
};
KTEST_SUITE(spinlock_suite, "spinlock", spinlock_cases);
