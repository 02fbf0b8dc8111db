/* Timers: expiry through the clock's DPC, relative and absolute due times, cancel, re-arm, order. */
#include "kernel/clock.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "tests/kernel/dpc_log.h"

#define MS(n) ((LONGLONG)(n) * 10000) /* in 100 ns units */

static LARGE_INTEGER due(LONGLONG t)
{
    return (LARGE_INTEGER){ .QuadPart = t };
}

static ULONGLONG expiry_time(void)
{
    return (ULONGLONG)(ULONG)dpc_log.arg2 << 32 | (ULONG)dpc_log.arg1;
}

/* A fresh timer with a DPC that writes letter into dpc_log. */
static void init_timer(PKTIMER timer, PKDPC dpc, char letter)
{
    KeInitializeTimer(timer);
    KeInitializeDpc(dpc, dpc_log_routine, (PVOID)(uintptr_t)letter);
}

static void a_relative_timer_runs_its_dpc_once_due(struct ktest *t)
{
    KTIMER timer;
    KDPC dpc;
    dpc_log_reset();
    init_timer(&timer, &dpc, 't');
    ULONGLONG start = KeQueryInterruptTime();
    KT_EXPECT(t, !KeSetTimer(&timer, due(-MS(30)), &dpc));
    KT_EXPECT(t, !KeReadStateTimer(&timer));
    KT_EXPECT(t, ktest_wait(&dpc_log.count, 1, 20));
    KT_EXPECT(t, dpc_log.irql == DISPATCH_LEVEL && KeReadStateTimer(&timer));
    KT_EXPECT(t, expiry_time() >= start + MS(30) && expiry_time() <= start + MS(30) + 2 * CLOCK_TICK_100NS);
    KT_EXPECT(t, !ktest_wait(&dpc_log.count, 2, 3)); /* it does not run again */
    KT_EXPECT(t, !KeCancelTimer(&timer)); /* expired: no longer set */
}

static void a_cancelled_timer_never_runs(struct ktest *t)
{
    KTIMER timer;
    KDPC dpc;
    dpc_log_reset();
    init_timer(&timer, &dpc, 'c');
    KeSetTimer(&timer, due(-MS(20)), &dpc);
    KT_EXPECT(t, KeCancelTimer(&timer));
    KT_EXPECT(t, !KeCancelTimer(&timer));
    KT_EXPECT(t, !ktest_wait(&dpc_log.count, 1, 5));
    KT_EXPECT(t, !KeReadStateTimer(&timer));
}

/* Set again while set: the new due time replaces the old one. */
static void setting_a_set_timer_rearms_it(struct ktest *t)
{
    KTIMER timer;
    KDPC dpc;
    dpc_log_reset();
    init_timer(&timer, &dpc, 'r');
    KeSetTimer(&timer, due(-MS(60000)), &dpc);
    KT_EXPECT(t, KeSetTimer(&timer, due(-MS(20)), &dpc));
    KT_EXPECT(t, ktest_wait(&dpc_log.count, 1, 10));
    KT_EXPECT(t, !ktest_wait(&dpc_log.count, 2, 3));
}

/* An absolute due time (time since boot) and a relative one that is earlier: the earlier runs first. */
static void timers_expire_in_due_order(struct ktest *t)
{
    KTIMER late, early;
    KDPC late_dpc, early_dpc;
    dpc_log_reset();
    init_timer(&late, &late_dpc, 'l');
    init_timer(&early, &early_dpc, 'e');
    KeSetTimer(&late, due((LONGLONG)KeQueryInterruptTime() + MS(40)), &late_dpc);
    KeSetTimer(&early, due(-MS(10)), &early_dpc);
    KT_EXPECT(t, ktest_wait(&dpc_log.count, 2, 10));
    KT_EXPECT(t, strcmp(dpc_log.order, "el") == 0);
}

static const struct ktest_case timer_cases[] = {
    { "a_relative_timer_runs_its_dpc_once_due", a_relative_timer_runs_its_dpc_once_due },
    { "a_cancelled_timer_never_runs", a_cancelled_timer_never_runs },
    { "setting_a_set_timer_rearms_it", setting_a_set_timer_rearms_it },
    { "timers_expire_in_due_order", timers_expire_in_due_order },
};
KTEST_SUITE(timer_suite, "timer", timer_cases);
