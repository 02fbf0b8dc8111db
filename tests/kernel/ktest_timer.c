/* Timers: expiry through the clock's DPC, relative and absolute due times, cancel, re-arm, order. */
#include "kernel/clock.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "kernel/system_time.h"
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

/* An absolute due time (a system time) and a relative one that is earlier: the earlier runs first. */
static void timers_expire_in_due_order(struct ktest *t)
{
    KTIMER late, early;
    KDPC late_dpc, early_dpc;
    dpc_log_reset();
    init_timer(&late, &late_dpc, 'l');
    init_timer(&early, &early_dpc, 'e');
    LARGE_INTEGER now;
    KeQuerySystemTime(&now);
    KeSetTimer(&late, due(now.QuadPart + MS(40)), &late_dpc);
    KeSetTimer(&early, due(-MS(10)), &early_dpc);
    KT_EXPECT(t, ktest_wait(&dpc_log.count, 2, 10));
    KT_EXPECT(t, strcmp(dpc_log.order, "el") == 0);
}

/* An absolute due time already past: the timer expires at the next tick. */
static void a_timer_due_in_the_past_expires_at_once(struct ktest *t)
{
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER now;
    dpc_log_reset();
    init_timer(&timer, &dpc, 'p');
    KeQuerySystemTime(&now);
    KeSetTimer(&timer, due(now.QuadPart - MS(1000)), &dpc);
    KT_EXPECT(t, ktest_wait(&dpc_log.count, 1, 3));
}

/* System time counts 100 ns units from 1 January 1601 (UTC), as on Windows; the real-time clock's date
 * at boot is a date of this century, and system time advances with interrupt time. */
static void system_time_counts_from_1601(struct ktest *t)
{
    KT_EXPECT(t, system_time_of_date(1601, 1, 1, 0, 0, 0) == 0);
    KT_EXPECT(t, system_time_of_date(1970, 1, 1, 0, 0, 0) == 116444736000000000ull);
    KT_EXPECT(t, system_time_of_date(2000, 3, 1, 0, 0, 1) - system_time_of_date(2000, 2, 28, 0, 0, 0) ==
                     (2ull * 86400 + 1) * 10000000);
    KT_EXPECT(t, system_time_of_date(2024, 12, 31, 23, 59, 59) == 133801631990000000ull);
    LARGE_INTEGER s1, s2;
    KeQuerySystemTime(&s1);
    ULONGLONG i1 = KeQueryInterruptTime();
    KT_EXPECT(t, (ULONGLONG)s1.QuadPart > system_time_of_date(2020, 1, 1, 0, 0, 0) &&
                     (ULONGLONG)s1.QuadPart < system_time_of_date(2100, 1, 1, 0, 0, 0));
    KT_EXPECT(t, system_time_to_interrupt_time((ULONGLONG)s1.QuadPart) <= i1); /* a tick may fall between */
    KeQuerySystemTime(&s2);
    KT_EXPECT(t, s2.QuadPart >= s1.QuadPart);
}

static const struct ktest_case timer_cases[] = {
    { "a_relative_timer_runs_its_dpc_once_due", a_relative_timer_runs_its_dpc_once_due },
    { "a_cancelled_timer_never_runs", a_cancelled_timer_never_runs },
    { "setting_a_set_timer_rearms_it", setting_a_set_timer_rearms_it },
    { "timers_expire_in_due_order", timers_expire_in_due_order },
    { "a_timer_due_in_the_past_expires_at_once", a_timer_due_in_the_past_expires_at_once },
    { "system_time_counts_from_1601", system_time_counts_from_1601 },
};
KTEST_SUITE(timer_suite, "timer", timer_cases);
