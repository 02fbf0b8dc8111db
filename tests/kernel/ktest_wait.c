/* Events and waits: KeSetEvent and KeResetEvent return the state before, a wait ends when a DPC signals
 * the object or the timeout passes, a synchronization event or timer is reset by the wait it satisfies,
 * KeDelayExecutionThread waits its interval; fast mutexes; kernel mutexes and semaphores; waits on
 * several objects and pulses. */
#include "kernel/ktest.h"
#include "kernel/wdm.h"

#define MS(n) ((LONGLONG)(n) * 10000) /* in 100 ns units */

static VOID NTAPI set_event(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)arg1, (void)arg2;
    KeSetEvent(context, 0, FALSE);
}

static void set_and_reset_return_the_state_before(struct ktest *t)
{
    KEVENT e;
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    KT_EXPECT(t, KeReadStateEvent(&e) == 0 && e.Header.Type == EVENT_NOTIFICATION_OBJECT && e.Header.Size == 4);
    KT_EXPECT(t, KeSetEvent(&e, 0, FALSE) == 0 && KeReadStateEvent(&e) == 1);
    KT_EXPECT(t, KeSetEvent(&e, 0, FALSE) == 1);
    KT_EXPECT(t, KeResetEvent(&e) == 1 && KeReadStateEvent(&e) == 0);
    KeInitializeEvent(&e, SynchronizationEvent, TRUE);
    KT_EXPECT(t, e.Header.Type == EVENT_SYNCHRONIZATION_OBJECT && KeReadStateEvent(&e) == 1);
    KeClearEvent(&e);
    KT_EXPECT(t, KeReadStateEvent(&e) == 0);
}

static void a_wait_ends_when_a_timers_dpc_sets_the_event(struct ktest *t)
{
    KEVENT e;
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER due = { .QuadPart = -MS(30) }, timeout = { .QuadPart = -MS(2000) };
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, set_event, &e);
    ULONGLONG start = KeQueryInterruptTime();
    KeSetTimer(&timer, due, &dpc);
    KT_EXPECT(t, KeWaitForSingleObject(&e, Executive, 0, FALSE, &timeout) == STATUS_SUCCESS);
    KT_EXPECT(t, KeQueryInterruptTime() - start >= (ULONGLONG)MS(30));
    KT_EXPECT(t, KeReadStateEvent(&e) == 1); /* a notification event stays signaled */
    KT_EXPECT(t, KeWaitForSingleObject(&e, Executive, 0, FALSE, NULL) == STATUS_SUCCESS);
}

static void a_synchronization_object_is_reset_by_the_wait_it_satisfies(struct ktest *t)
{
    KEVENT e;
    KTIMER timer;
    LARGE_INTEGER zero = { .QuadPart = 0 }, due = { .QuadPart = -MS(20) };
    KeInitializeEvent(&e, SynchronizationEvent, TRUE);
    KT_EXPECT(t, KeWaitForSingleObject(&e, Executive, 0, FALSE, &zero) == STATUS_SUCCESS);
    KT_EXPECT(t, KeReadStateEvent(&e) == 0);
    KT_EXPECT(t, KeWaitForSingleObject(&e, Executive, 0, FALSE, &zero) == STATUS_TIMEOUT);
    KeInitializeTimerEx(&timer, SynchronizationTimer);
    KeSetTimer(&timer, due, NULL);
    KT_EXPECT(t, KeWaitForSingleObject(&timer, Executive, 0, FALSE, NULL) == STATUS_SUCCESS);
    KT_EXPECT(t, !KeReadStateTimer(&timer));
}

static void a_wait_times_out_and_a_delay_waits_its_interval(struct ktest *t)
{
    KEVENT e;
    LARGE_INTEGER timeout = { .QuadPart = -MS(30) };
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    ULONGLONG start = KeQueryInterruptTime();
    KT_EXPECT(t, KeWaitForSingleObject(&e, Executive, 0, FALSE, &timeout) == STATUS_TIMEOUT);
    KT_EXPECT(t, KeQueryInterruptTime() - start >= (ULONGLONG)MS(30));
    start = KeQueryInterruptTime();
    KT_EXPECT(t, KeDelayExecutionThread(0, FALSE, &timeout) == STATUS_SUCCESS);
    KT_EXPECT(t, KeQueryInterruptTime() - start >= (ULONGLONG)MS(30));
}

/* A fast mutex holds APC_LEVEL and a try on it fails while it is held; the Unsafe forms keep IRQL. */
static void a_fast_mutex_raises_to_apc_level_and_excludes(struct ktest *t)
{
    FAST_MUTEX m = { .Count = FM_LOCK_BIT };
    KeInitializeEvent(&m.Event, SynchronizationEvent, FALSE);
    ExAcquireFastMutex(&m);
    KT_EXPECT(t, KeGetCurrentIrql() == APC_LEVEL && m.Owner == KeGetCurrentThread() && !(m.Count & FM_LOCK_BIT));
    KT_EXPECT(t, !ExTryToAcquireFastMutex(&m) && KeGetCurrentIrql() == APC_LEVEL);
    ExReleaseFastMutex(&m);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL && m.Owner == NULL && (m.Count & FM_LOCK_BIT));
    ExAcquireFastMutexUnsafe(&m);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL && !ExTryToAcquireFastMutex(&m));
    ExReleaseFastMutexUnsafe(&m);
    KT_EXPECT(t, ExTryToAcquireFastMutex(&m) && KeGetCurrentIrql() == APC_LEVEL);
    ExReleaseFastMutex(&m);
}

static VOID NTAPI release_semaphore(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)arg1, (void)arg2;
    KeReleaseSemaphore(context, 0, 1, FALSE);
}

static void a_semaphore_wait_ends_when_a_dpc_releases_it(struct ktest *t)
{
    KSEMAPHORE s;
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER due = { .QuadPart = -MS(30) }, timeout = { .QuadPart = -MS(2000) };
    KeInitializeSemaphore(&s, 0, 1);
    KT_EXPECT(t, s.Header.Type == SEMAPHORE_OBJECT && s.Header.Size == 5 && s.Limit == 1);
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, release_semaphore, &s);
    KeSetTimer(&timer, due, &dpc);
    KT_EXPECT(t, KeWaitForSingleObject(&s, Executive, 0, FALSE, &timeout) == STATUS_SUCCESS);
    KT_EXPECT(t, KeReadStateSemaphore(&s) == 0);
}

static void a_mutex_is_its_owners_until_the_last_release(struct ktest *t)
{
    KMUTEX m;
    KeInitializeMutex(&m, 0);
    KT_EXPECT(t, m.Header.Type == MUTANT_OBJECT && m.Header.Size == 8 && m.ApcDisable == 1 && !m.OwnerThread);
    KT_EXPECT(t, KeWaitForSingleObject(&m, Executive, 0, FALSE, NULL) == STATUS_SUCCESS);
    KT_EXPECT(t, m.OwnerThread == KeGetCurrentThread() && KeAreApcsDisabled());
    KT_EXPECT(t, KeWaitForSingleObject(&m, Executive, 0, FALSE, NULL) == STATUS_SUCCESS);
    KT_EXPECT(t, KeReleaseMutex(&m, FALSE) == -1 && m.OwnerThread == KeGetCurrentThread());
    KT_EXPECT(t, KeReleaseMutex(&m, FALSE) == 0 && !m.OwnerThread && !KeAreApcsDisabled());
}

/* WaitAll takes nothing until every object is signaled, then all of them at once. */
static void wait_all_takes_all_objects_or_none(struct ktest *t)
{
    KEVENT e;
    KSEMAPHORE s;
    LARGE_INTEGER zero = { .QuadPart = 0 };
    KeInitializeEvent(&e, SynchronizationEvent, TRUE);
    KeInitializeSemaphore(&s, 0, 2);
    PVOID objects[] = { &e, &s };
    KT_EXPECT(t, KeWaitForMultipleObjects(2, objects, WaitAll, Executive, 0, FALSE, &zero, NULL) == STATUS_TIMEOUT);
    KT_EXPECT(t, KeReadStateEvent(&e) == 1); /* not reset by a wait that was not satisfied */
    KeReleaseSemaphore(&s, 0, 2, FALSE);
    KT_EXPECT(t, KeWaitForMultipleObjects(2, objects, WaitAll, Executive, 0, FALSE, &zero, NULL) == STATUS_SUCCESS);
    KT_EXPECT(t, KeReadStateEvent(&e) == 0 && KeReadStateSemaphore(&s) == 1);
    KT_EXPECT(t, KeWaitForMultipleObjects(2, objects, WaitAny, Executive, 0, FALSE, &zero, NULL) == STATUS_WAIT_0 + 1);
    KT_EXPECT(t, KeReadStateSemaphore(&s) == 0);
}

static VOID NTAPI pulse_event(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    (void)dpc, (void)arg1, (void)arg2;
    KePulseEvent(context, 0, FALSE);
}

/* A pulse from a DPC while the thread waits satisfies the wait (WaitAny: the event's index) and leaves
 * the event not signaled; the caller's wait blocks name the objects. */
static void a_pulse_ends_the_wait_in_progress(struct ktest *t)
{
    KEVENT e, other;
    KTIMER timer;
    KDPC dpc;
    KWAIT_BLOCK blocks[4];
    LARGE_INTEGER due = { .QuadPart = -MS(20) }, timeout = { .QuadPart = -MS(2000) };
    KeInitializeEvent(&e, NotificationEvent, FALSE);
    KeInitializeEvent(&other, NotificationEvent, FALSE);
    KeInitializeTimer(&timer);
    KeInitializeDpc(&dpc, pulse_event, &e);
    PVOID objects[] = { &other, &other, &other, &e };
    KeSetTimer(&timer, due, &dpc);
    KT_EXPECT(t, KeWaitForMultipleObjects(4, objects, WaitAny, Executive, 0, FALSE, &timeout, blocks) == STATUS_WAIT_0 + 3);
    KT_EXPECT(t, KeReadStateEvent(&e) == 0 && blocks[3].Object == &e && blocks[3].WaitKey == 3);
    KeSetEvent(&e, 0, FALSE);
    KT_EXPECT(t, KePulseEvent(&e, 0, FALSE) == 1 && KeReadStateEvent(&e) == 0);
}

static const struct ktest_case wait_cases[] = {
    { "wait_all_takes_all_objects_or_none", wait_all_takes_all_objects_or_none },
    { "a_pulse_ends_the_wait_in_progress", a_pulse_ends_the_wait_in_progress },
    { "set_and_reset_return_the_state_before", set_and_reset_return_the_state_before },
    { "a_wait_ends_when_a_timers_dpc_sets_the_event", a_wait_ends_when_a_timers_dpc_sets_the_event },
    { "a_synchronization_object_is_reset_by_the_wait_it_satisfies",
      a_synchronization_object_is_reset_by_the_wait_it_satisfies },
    { "a_wait_times_out_and_a_delay_waits_its_interval", a_wait_times_out_and_a_delay_waits_its_interval },
    { "a_fast_mutex_raises_to_apc_level_and_excludes", a_fast_mutex_raises_to_apc_level_and_excludes },
    { "a_semaphore_wait_ends_when_a_dpc_releases_it", a_semaphore_wait_ends_when_a_dpc_releases_it },
    { "a_mutex_is_its_owners_until_the_last_release", a_mutex_is_its_owners_until_the_last_release },
};
KTEST_SUITE(wait_suite, "wait", wait_cases);
