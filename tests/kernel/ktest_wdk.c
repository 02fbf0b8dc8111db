/* The WDK routines drivers import: periodic timers, SLists, interlocked operations and lists, queued
 * spinlocks, the Kf IRQL calls, KeTickCount, ExAllocatePool2, MmGetSystemRoutineAddress, DbgPrint's
 * formatting on the 32-bit kernel. */
#include "kernel/dbg_format.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "tests/kernel/dpc_log.h"

#define MS(n) ((LONGLONG)(n) * 10000)

static void a_periodic_timer_runs_until_cancelled(struct ktest *t)
{
    KTIMER timer;
    KDPC dpc;
    dpc_log_reset();
    KeInitializeTimerEx(&timer, NotificationTimer);
    KT_EXPECT(t, timer.Header.Size == sizeof(KTIMER) / 4 && IsListEmpty(&timer.Header.WaitListHead));
    KeInitializeDpc(&dpc, dpc_log_routine, (PVOID)'p');
    LARGE_INTEGER due = { .QuadPart = -MS(20) };
    KT_EXPECT(t, !KeSetTimerEx(&timer, due, 20, &dpc));
    KT_EXPECT(t, ktest_wait(&dpc_log.count, 3, 30));
    KT_EXPECT(t, KeCancelTimer(&timer)); /* still set between its expiries */
    unsigned n = dpc_log.count;
    KT_EXPECT(t, !ktest_wait(&dpc_log.count, n + 1, 6));
}

static void slists_push_pop_flush_and_count(struct ktest *t)
{
    SLIST_HEADER head;
    SLIST_ENTRY e[3];
    InitializeSListHead(&head);
    KT_EXPECT(t, InterlockedPopEntrySList(&head) == NULL);
    KT_EXPECT(t, InterlockedPushEntrySList(&head, &e[0]) == NULL);
    KT_EXPECT(t, InterlockedPushEntrySList(&head, &e[1]) == &e[0]);
    KT_EXPECT(t, ExInterlockedPushEntrySList(&head, &e[2], NULL) == &e[1]);
    KT_EXPECT(t, ExQueryDepthSList(&head) == 3);
    KT_EXPECT(t, InterlockedPopEntrySList(&head) == &e[2] && ExQueryDepthSList(&head) == 2);
    KT_EXPECT(t, ExInterlockedFlushSList(&head) == &e[1] && e[1].Next == &e[0]);
    KT_EXPECT(t, ExQueryDepthSList(&head) == 0 && ExInterlockedPopEntrySList(&head, NULL) == NULL);
}

static void interlocked_operations_return_what_windows_does(struct ktest *t)
{
    volatile LONG v = 5;
    KT_EXPECT(t, InterlockedIncrement(&v) == 6 && InterlockedDecrement(&v) == 5);
    KT_EXPECT(t, InterlockedExchange(&v, 9) == 5 && v == 9);
    KT_EXPECT(t, InterlockedExchangeAdd(&v, 3) == 9 && v == 12);
    KT_EXPECT(t, InterlockedCompareExchange(&v, 1, 7) == 12 && v == 12);
    KT_EXPECT(t, InterlockedCompareExchange(&v, 1, 12) == 12 && v == 1);
    LONG s = 0;
    KT_EXPECT(t, Exi386InterlockedDecrementLong(&s) == ResultNegative);
    KT_EXPECT(t, Exfi386InterlockedIncrementLong(&s) == ResultZero);
    KT_EXPECT(t, Exi386InterlockedIncrementLong(&s) == ResultPositive);
    volatile LONGLONG q = 0x100000000LL;
    LONGLONG x = 0x200000001LL, c = 0x100000000LL;
    KT_EXPECT(t, ExInterlockedCompareExchange64(&q, &x, &c, NULL) == 0x100000000LL && q == 0x200000001LL);
    KT_EXPECT(t, ExfInterlockedCompareExchange64(&q, &c, &c) == 0x200000001LL && q == 0x200000001LL);
    LARGE_INTEGER stat = { .QuadPart = 0xFFFFFFFFLL };
    ExInterlockedAddLargeStatistic(&stat, 2);
    KT_EXPECT(t, stat.QuadPart == 0x100000001LL);
}

static void interlocked_lists_under_their_lock(struct ktest *t)
{
    LIST_ENTRY head, a, b, c;
    KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    InitializeListHead(&head);
    KT_EXPECT(t, ExInterlockedInsertTailList(&head, &a, &lock) == NULL);
    KT_EXPECT(t, ExInterlockedInsertHeadList(&head, &b, &lock) == &a);
    KT_EXPECT(t, lock == 0 && head.Flink == &b && head.Blink == &a);
    KT_EXPECT(t, ExInterlockedInsertTailList(&head, &c, &lock) == &a); /* the last entry before, not the first */
    KT_EXPECT(t, lock == 0 && head.Flink == &b && head.Blink == &c);
    KT_EXPECT(t, ExInterlockedRemoveHeadList(&head, &lock) == &b);
    KT_EXPECT(t, ExfInterlockedRemoveHeadList(&head, &lock) == &a);
    KT_EXPECT(t, ExInterlockedRemoveHeadList(&head, &lock) == &c);
    KT_EXPECT(t, ExInterlockedRemoveHeadList(&head, &lock) == NULL && IsListEmpty(&head));
    SINGLE_LIST_ENTRY top = { NULL }, one;
    KT_EXPECT(t, ExInterlockedPushEntryList(&top, &one, &lock) == NULL);
    KT_EXPECT(t, ExInterlockedPopEntryList(&top, &lock) == &one && top.Next == NULL);
    ULONG sum = 40;
    KT_EXPECT(t, ExInterlockedAddUlong(&sum, 2, &lock) == 40 && sum == 42);
}

static void kf_irql_and_queued_spinlocks_raise_and_restore(struct ktest *t)
{
    KIRQL old = KfRaiseIrql(APC_LEVEL);
    /* APC_LEVEL disables all APCs, but KeAreApcsDisabled asks only about critical and guarded regions */
    KT_EXPECT(t, old == PASSIVE_LEVEL && KeGetCurrentIrql() == APC_LEVEL && KeAreAllApcsDisabled());
    KT_EXPECT(t, !KeAreApcsDisabled());
    KfLowerIrql(old);
    KT_EXPECT(t, !KeAreApcsDisabled() && !KeAreAllApcsDisabled());
    KeEnterCriticalRegion();
    KT_EXPECT(t, KeAreApcsDisabled() && !KeAreAllApcsDisabled());
    KeEnterGuardedRegion();
    KT_EXPECT(t, KeAreApcsDisabled() && KeAreAllApcsDisabled());
    KeLeaveGuardedRegion();
    KeLeaveCriticalRegion();
    KT_EXPECT(t, !KeAreApcsDisabled() && !KeAreAllApcsDisabled());
    KSPIN_LOCK lock;
    KLOCK_QUEUE_HANDLE handle;
    KeInitializeSpinLock(&lock);
    KeAcquireInStackQueuedSpinLock(&lock, &handle);
    KT_EXPECT(t, KeGetCurrentIrql() == DISPATCH_LEVEL && lock != 0);
    KeReleaseInStackQueuedSpinLock(&handle);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL && lock == 0);
    old = KfAcquireSpinLock(&lock);
    KT_EXPECT(t, old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KT_EXPECT(t, lock == ((KSPIN_LOCK)KeGetCurrentThread() | 1)); /* the checked build's owner word */
    KfReleaseSpinLock(&lock, old);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL);
}

static void the_tick_count_follows_the_clock(struct ktest *t)
{
    LARGE_INTEGER a, b;
    KeQueryTickCount(&a);
    KT_EXPECT(t, KeTickCount.High1Time == KeTickCount.High2Time && a.LowPart >= 1);
    unsigned ticks = 0;
    ktest_wait(&ticks, 1, 3); /* three ticks of sleep */
    KeQueryTickCount(&b);
    KT_EXPECT(t, b.QuadPart >= a.QuadPart + 2);
    KT_EXPECT(t, KeQueryTimeIncrement() == 100000);
    LARGE_INTEGER f, c = KeQueryPerformanceCounter(&f);
    KT_EXPECT(t, f.QuadPart == 1193182 && c.QuadPart > 0);
}

static void pool2_zeroes_unless_asked_not_to(struct ktest *t)
{
    PUCHAR p = ExAllocatePoolWithTag(NonPagedPoolNx, 100, 'tseT');
    memset(p, 0xAA, 100);
    ExFreePoolWithTag(p, 'tseT');
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, 'tseT');
    KT_EXPECT(t, p != NULL);
    unsigned nonzero = 0;
    for (unsigned i = 0; p && i < 100; i++)
        nonzero += p[i] != 0;
    KT_EXPECT(t, nonzero == 0);
    KT_EXPECT(t, p && ExQueryPoolBlockSize(p, NULL) >= 100);
    ExFreePool2(p, 'tseT', NULL, 0);
    KT_EXPECT(t, ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 8, 'tseT') == NULL);
    /* a required flag this kernel does not know (the WDK's RESERVED2) */
    KT_EXPECT(t, ExAllocatePool2(1ULL << 9, 8, 'tseT') == NULL);
    p = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_UNINITIALIZED | POOL_FLAG_CACHE_ALIGNED, 5000, 'tseT');
    KT_EXPECT(t, p && ExQueryPoolBlockSize(p, NULL) >= 5000);
    ExFreePoolWithTag(p, 'tseT');
    p = ExAllocatePoolWithTagPriority(NonPagedPoolNxCacheAligned, 64, 'tseT', HighPoolPriority);
    KT_EXPECT(t, p && ((uintptr_t)p & 63) == 0);
    ExFreePool(p);
}

static void system_routines_are_found_by_name(struct ktest *t)
{
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, u"KfRaiseIrql");
    KT_EXPECT(t, MmGetSystemRoutineAddress(&name) == (PVOID)KfRaiseIrql);
    RtlInitUnicodeString(&name, u"ExAllocatePool2");
    KT_EXPECT(t, MmGetSystemRoutineAddress(&name) == (PVOID)ExAllocatePool2);
    RtlInitUnicodeString(&name, u"IoCreateDevice");
    KT_EXPECT(t, MmGetSystemRoutineAddress(&name) == (PVOID)IoCreateDevice);
    RtlInitUnicodeString(&name, u"IoWMIRegistrationControl");
    KT_EXPECT(t, MmGetSystemRoutineAddress(&name) == NULL);
    int here;
    KT_EXPECT(t, MmIsAddressValid(&here) && !MmIsAddressValid(NULL));
}

static void dbgprint_formats_as_the_32_bit_kernel(struct ktest *t)
{
    char out[64];
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, u"junk");
    dbg_format(out, sizeof out, "%p %Ix %wZ %I64x", (void *)0x8010abcd, (ULONG_PTR)0xffffffffu, &u, 1ULL << 40);
    KT_EXPECT(t, strcmp(out, "8010ABCD ffffffff junk 10000000000") == 0);
    KT_EXPECT(t, DbgPrint("ktest: DbgPrint %s %wZ\n", "reaches", &u) == STATUS_SUCCESS);
}

static const struct ktest_case cases[] = {
    { "a_periodic_timer_runs_until_cancelled", a_periodic_timer_runs_until_cancelled },
    { "slists_push_pop_flush_and_count", slists_push_pop_flush_and_count },
    { "interlocked_operations_return_what_windows_does", interlocked_operations_return_what_windows_does },
    { "interlocked_lists_under_their_lock", interlocked_lists_under_their_lock },
    { "kf_irql_and_queued_spinlocks_raise_and_restore", kf_irql_and_queued_spinlocks_raise_and_restore },
    { "the_tick_count_follows_the_clock", the_tick_count_follows_the_clock },
    { "pool2_zeroes_unless_asked_not_to", pool2_zeroes_unless_asked_not_to },
    { "system_routines_are_found_by_name", system_routines_are_found_by_name },
    { "dbgprint_formats_as_the_32_bit_kernel", dbgprint_formats_as_the_32_bit_kernel },
};

KTEST_SUITE(wdk_suite, "wdk", cases);
