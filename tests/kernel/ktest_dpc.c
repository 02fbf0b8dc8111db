/* DPCs: queueing rules, FIFO order, delivery at DISPATCH_LEVEL when IRQL drops below it. */
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "tests/kernel/dpc_log.h"

static KDPC a, b, c;

static void init_abc(void)
{
    dpc_log_reset();
    KeInitializeDpc(&a, dpc_log_routine, (PVOID)'a');
    KeInitializeDpc(&b, dpc_log_routine, (PVOID)'b');
    KeInitializeDpc(&c, dpc_log_routine, (PVOID)'c');
}

static void dpcs_run_in_fifo_order_at_dispatch_level(struct ktest *t)
{
    KIRQL old;
    init_abc();
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KT_EXPECT(t, KeInsertQueueDpc(&b, (PVOID)1, (PVOID)2));
    KT_EXPECT(t, KeInsertQueueDpc(&a, (PVOID)1, (PVOID)2));
    KT_EXPECT(t, KeInsertQueueDpc(&c, (PVOID)3, (PVOID)4));
    KT_EXPECT(t, dpc_log.count == 0);
    KeLowerIrql(old);
    KT_EXPECT(t, strcmp(dpc_log.order, "bac") == 0);
    KT_EXPECT(t, dpc_log.irql == DISPATCH_LEVEL);
    KT_EXPECT(t, dpc_log.arg1 == (PVOID)3 && dpc_log.arg2 == (PVOID)4);
}

/* KeSetImportanceDpc: HighImportance puts the DPC at the head of the queue, Low and Medium at its tail. */
static void a_high_importance_dpc_goes_to_the_head_of_the_queue(struct ktest *t)
{
    KIRQL old;
    init_abc();
    KeSetImportanceDpc(&c, HighImportance);
    KeSetImportanceDpc(&b, LowImportance);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KT_EXPECT(t, KeInsertQueueDpc(&a, NULL, NULL));
    KT_EXPECT(t, KeInsertQueueDpc(&b, NULL, NULL));
    KT_EXPECT(t, KeInsertQueueDpc(&c, NULL, NULL));
    KeLowerIrql(old);
    KT_EXPECT(t, strcmp(dpc_log.order, "cab") == 0);
}

static void a_queued_dpc_is_queued_once_and_can_be_removed(struct ktest *t)
{
    KIRQL old;
    init_abc();
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KT_EXPECT(t, KeInsertQueueDpc(&a, NULL, NULL));
    KT_EXPECT(t, !KeInsertQueueDpc(&a, NULL, NULL));
    KT_EXPECT(t, KeInsertQueueDpc(&b, NULL, NULL));
    KT_EXPECT(t, KeRemoveQueueDpc(&a));
    KT_EXPECT(t, !KeRemoveQueueDpc(&a));
    KeLowerIrql(old);
    KT_EXPECT(t, strcmp(dpc_log.order, "b") == 0);
    KT_EXPECT(t, !KeRemoveQueueDpc(&b)); /* it ran: no longer queued */
}

static void a_dpc_queued_below_dispatch_level_runs_at_once(struct ktest *t)
{
    init_abc();
    KT_EXPECT(t, KeInsertQueueDpc(&a, NULL, NULL));
    KT_EXPECT(t, dpc_log.count == 1 && dpc_log.irql == DISPATCH_LEVEL);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL);
}

static void dpcs_wait_while_irql_is_above_dispatch_level(struct ktest *t)
{
    KIRQL old;
    init_abc();
    KeRaiseIrql(HIGH_LEVEL, &old);
    KeInsertQueueDpc(&a, NULL, NULL);
    KeLowerIrql(DISPATCH_LEVEL);
    KT_EXPECT(t, dpc_log.count == 0);
    KeLowerIrql(old);
    KT_EXPECT(t, dpc_log.count == 1);
}

static VOID NTAPI queue_c_then_log(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    KeInsertQueueDpc(&c, NULL, NULL);
    dpc_log_routine(Dpc, Context, Arg1, Arg2);
}

static void a_dpc_may_queue_another_which_runs_after_the_queue_so_far(struct ktest *t)
{
    KIRQL old;
    init_abc();
    KeInitializeDpc(&a, queue_c_then_log, (PVOID)'a');
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInsertQueueDpc(&a, NULL, NULL);
    KeInsertQueueDpc(&b, NULL, NULL);
    KeLowerIrql(old);
    KT_EXPECT(t, strcmp(dpc_log.order, "abc") == 0);
}

static const struct ktest_case dpc_cases[] = {
    { "dpcs_run_in_fifo_order_at_dispatch_level", dpcs_run_in_fifo_order_at_dispatch_level },
    { "a_high_importance_dpc_goes_to_the_head_of_the_queue", a_high_importance_dpc_goes_to_the_head_of_the_queue },
    { "a_queued_dpc_is_queued_once_and_can_be_removed", a_queued_dpc_is_queued_once_and_can_be_removed },
    { "a_dpc_queued_below_dispatch_level_runs_at_once", a_dpc_queued_below_dispatch_level_runs_at_once },
    { "dpcs_wait_while_irql_is_above_dispatch_level", dpcs_wait_while_irql_is_above_dispatch_level },
    { "a_dpc_may_queue_another_which_runs_after_the_queue_so_far",
      a_dpc_may_queue_another_which_runs_after_the_queue_so_far },
};
KTEST_SUITE(dpc_suite, "dpc", dpc_cases);
