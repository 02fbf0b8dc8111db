/* The system work queue (items run only when the thread is idle or waits, at PASSIVE_LEVEL, holding
 * nothing), floating-point saves, the version. */
#include "kernel/ktest.h"
#include "kernel/wdm.h"
#include "kernel/work_queue.h"

#define MS(n) ((LONGLONG)(n) * 10000)

static unsigned runs;

static VOID NTAPI count_run(PVOID parameter)
{
    runs++;
    if (parameter) /* an item that queues itself once more */
        ExQueueWorkItem(parameter, DelayedWorkQueue);
}

static void an_item_runs_only_when_the_queue_is_run(struct ktest *t)
{
    WORK_QUEUE_ITEM item;
    ExInitializeWorkItem(&item, count_run, NULL);
    runs = 0;
    ExQueueWorkItem(&item, CriticalWorkQueue);
    KT_EXPECT(t, runs == 0 && item.List.Flink != NULL);
    KT_EXPECT(t, work_queue_find_in_range((uintptr_t)&item, (uintptr_t)(&item + 1)) == &item);
    KT_EXPECT(t, work_queue_find_in_range((uintptr_t)count_run, (uintptr_t)count_run + 1) == &item);
    KT_EXPECT(t, work_queue_run_one() && runs == 1 && item.List.Flink == NULL);
    KT_EXPECT(t, !work_queue_run_one() && runs == 1);
    ExInitializeWorkItem(&item, count_run, &item);
    ExQueueWorkItem(&item, DelayedWorkQueue);
    KT_EXPECT(t, work_queue_run_one() && runs == 2 && item.List.Flink != NULL); /* queued again by itself */
    item.Parameter = NULL;
    KT_EXPECT(t, work_queue_run_one() && runs == 3 && !work_queue_run_one());
}

static VOID NTAPI set_event(PVOID parameter)
{
    KeSetEvent(parameter, 0, FALSE);
}

static KEVENT item_done;
static WORK_QUEUE_ITEM setter;

static bool item_done_within(LONGLONG ms)
{
    LARGE_INTEGER timeout = { .QuadPart = -MS(ms) };
    return KeWaitForSingleObject(&item_done, Executive, 0, FALSE, &timeout) == STATUS_SUCCESS;
}

/* A mutex's holder (in a critical region) or code at APC_LEVEL does not let the worker run. */
static void a_wait_runs_items_only_at_passive_level_outside_critical_regions(struct ktest *t)
{
    KIRQL old;
    KeInitializeEvent(&item_done, NotificationEvent, FALSE);
    ExInitializeWorkItem(&setter, set_event, &item_done);
    ExQueueWorkItem(&setter, DelayedWorkQueue);
    KeEnterCriticalRegion();
    KT_EXPECT(t, !item_done_within(30));
    KeLeaveCriticalRegion();
    KeRaiseIrql(APC_LEVEL, &old);
    KT_EXPECT(t, !item_done_within(30));
    KeLowerIrql(old);
    KT_EXPECT(t, setter.List.Flink != NULL && item_done_within(2000) && setter.List.Flink == NULL);
}

static unsigned short control_word(void)
{
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return cw;
}

static void set_control_word(unsigned short cw)
{
    __asm__ volatile("fldcw %0" : : "m"(cw));
}

/* The state inside a save is fresh, the caller's comes back at the restore, nested saves too. */
static void a_float_save_gives_a_fresh_state_and_the_restore_the_old(struct ktest *t)
{
    KFLOATING_SAVE outer, inner;
    unsigned short before = control_word();
    set_control_word(0x0E7F);
    KT_EXPECT(t, KeSaveFloatingPointState(&outer) == STATUS_SUCCESS && outer.ControlWord == 0x0E7F);
    KT_EXPECT(t, control_word() == 0x027F);
    set_control_word(0x0C7F);
    KT_EXPECT(t, KeSaveFloatingPointState(&inner) == STATUS_SUCCESS && control_word() == 0x027F);
    KT_EXPECT(t, KeRestoreFloatingPointState(&inner) == STATUS_SUCCESS && control_word() == 0x0C7F);
    KT_EXPECT(t, KeRestoreFloatingPointState(&outer) == STATUS_SUCCESS && control_word() == 0x0E7F);
    set_control_word(before);
}

static void the_version_is_windows_10_22h2_checked(struct ktest *t)
{
    ULONG major, minor, build;
    RTL_OSVERSIONINFOEXW v = { .dwOSVersionInfoSize = sizeof v };
    KT_EXPECT(t, PsGetVersion(&major, &minor, &build, NULL) && major == 10 && minor == 0 && build == 19045);
    KT_EXPECT(t, RtlGetVersion((PRTL_OSVERSIONINFOW)&v) == STATUS_SUCCESS && v.dwBuildNumber == 19045 && v.wProductType == 1);
    KT_EXPECT(t, IoIsWdmVersionAvailable(6, 0) && !IoIsWdmVersionAvailable(6, 1));
    KT_EXPECT(t, KeGetPreviousMode() == KernelMode && PsIsSystemThread(KeGetCurrentThread()));
}

static const struct ktest_case kemisc_cases[] = {
    { "an_item_runs_only_when_the_queue_is_run", an_item_runs_only_when_the_queue_is_run },
    { "a_wait_runs_items_only_at_passive_level_outside_critical_regions",
      a_wait_runs_items_only_at_passive_level_outside_critical_regions },
    { "a_float_save_gives_a_fresh_state_and_the_restore_the_old", a_float_save_gives_a_fresh_state_and_the_restore_the_old },
    { "the_version_is_windows_10_22h2_checked", the_version_is_windows_10_22h2_checked },
};
KTEST_SUITE(kemisc_suite, "kemisc", kemisc_cases);
