/* IRQL: raise/lower bookkeeping, names, interrupt priority on the PIC with lazy masking and replay,
 * software interrupts, the IRQL checker. */
#include "hal/cpu.h"
#include "hal/pic.h"
#include "hal/pit.h"
#include "hal/uart.h"
#include "kernel/clock.h"
#include "kernel/interrupt.h"
#include "kernel/irql.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "mm/mm.h"
#include "mm/pool_pages.h"
#include "mm/pte.h"
#include "drivers/serial.h"
#include "tests/kernel/dpc_log.h"

#define SPIN_LIMIT 500000000u /* busy-wait bound: far more than one clock tick, even under TCG */

static void raise_returns_the_old_level_and_lower_restores_it(struct ktest *t)
{
    KIRQL old, inner;
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL);
    KeRaiseIrql(APC_LEVEL, &old);
    KT_EXPECT(t, old == PASSIVE_LEVEL && KeGetCurrentIrql() == APC_LEVEL);
    inner = KeRaiseIrqlToDpcLevel();
    KT_EXPECT(t, inner == APC_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* to the same level is allowed */
    KT_EXPECT(t, old == DISPATCH_LEVEL);
    KeLowerIrql(DISPATCH_LEVEL);
    KeLowerIrql(inner);
    KeLowerIrql(PASSIVE_LEVEL);
    KT_EXPECT(t, KeGetCurrentIrql() == PASSIVE_LEVEL);
}

static void levels_have_their_nt_names(struct ktest *t)
{
    KIRQL l = 0;
    KT_EXPECT(t, strcmp(irql_name(DISPATCH_LEVEL), "DISPATCH_LEVEL") == 0);
    KT_EXPECT(t, strcmp(irql_name(HIGH_LEVEL), "HIGH_LEVEL") == 0);
    KT_EXPECT(t, strcmp(irql_name(CLOCK2_LEVEL), "CLOCK2_LEVEL") == 0);
    KT_EXPECT(t, irql_parse("DISPATCH_LEVEL", &l) && l == 2);
    KT_EXPECT(t, irql_parse("31", &l) && l == 31);
    KT_EXPECT(t, !irql_parse("32", &l) && !irql_parse("LOUD_LEVEL", &l));
}

static void lines_have_their_dirql(struct ktest *t)
{
    KT_EXPECT(t, interrupt_irql(PIT_IRQ) == CLOCK2_LEVEL);
    KT_EXPECT(t, interrupt_irql(UART_COM1_IRQ) == 23);
    KT_EXPECT(t, interrupt_irql(1) == 26 && interrupt_irql(15) == 12);
}

#define CLOCK_PENDING (1u << CLOCK2_LEVEL)

/* The clock interrupt arrives while IRQL is HIGH_LEVEL: it is masked and marked pending, the tick count
 * stands still, and the KeLowerIrql replays it exactly once. */
/* The clock slowed to its slowest (about 18 Hz) for the test: a tick of its own that lands between the
 * replay and the last reading would need the emulator to stall 55 ms there, not 10 (a loaded host). */
static void clock_waits_while_raised_and_runs_once_on_lower(struct ktest *t)
{
    KIRQL old;
    pit_start(19);
    KeRaiseIrql(HIGH_LEVEL, &old);
    uint64_t before = clock_ticks();
    for (unsigned i = 0; i < SPIN_LIMIT && !(irql_pending() & CLOCK_PENDING); i++)
        __asm__ volatile("pause");
    bool was_pending = irql_pending() & CLOCK_PENDING;
    bool was_masked = pic_get_mask() & (1u << PIT_IRQ);
    uint64_t during = clock_ticks();
    KeLowerIrql(old);
    uint64_t after = clock_ticks();
    pit_start(CLOCK_HZ);
    KT_EXPECT(t, was_pending && was_masked);
    KT_EXPECT(t, during == before);
    KT_EXPECT(t, after == before + 1);
    KT_EXPECT(t, !(irql_pending() & CLOCK_PENDING) && !(pic_get_mask() & (1u << PIT_IRQ)));
}

/* At COM1's DIRQL the clock, of a higher level, still comes in. */
static void higher_interrupts_come_in_at_a_raised_level(struct ktest *t)
{
    KIRQL old;
    KeRaiseIrql(interrupt_irql(UART_COM1_IRQ), &old);
    uint64_t before = clock_ticks();
    for (unsigned i = 0; i < SPIN_LIMIT && clock_ticks() == before; i++)
        __asm__ volatile("pause");
    KT_EXPECT(t, clock_ticks() > before);
    KT_EXPECT(t, !(irql_pending() & CLOCK_PENDING));
    KeLowerIrql(old);
}

static volatile unsigned com1_calls;
static volatile KIRQL com1_irql;
static volatile bool clock_nested;

/* Stands in for COM1's handler: notes the IRQL and whether a clock tick comes in while it runs. */
static void probe_com1(void)
{
    com1_calls++;
    com1_irql = KeGetCurrentIrql();
    uint64_t before = clock_ticks();
    for (unsigned i = 0; i < SPIN_LIMIT && clock_ticks() == before; i++)
        __asm__ volatile("pause");
    clock_nested = clock_ticks() != before;
}

/* An `int` to COM1's vector enters exactly as its interrupt would, without needing a byte to arrive. */
static void raise_com1_interrupt(void)
{
    __asm__ volatile("int %0" : : "i"(TRAP_IRQ_BASE + UART_COM1_IRQ) : "memory");
}

static void a_masked_interrupt_is_replayed_once_when_irql_drops(struct ktest *t)
{
    KIRQL old;
    com1_calls = 0;
    irq_handler com1_handler = irq_set_handler(UART_COM1_IRQ, probe_com1);
    KeRaiseIrql(interrupt_irql(UART_COM1_IRQ), &old);
    raise_com1_interrupt();
    KT_EXPECT(t, com1_calls == 0);
    KT_EXPECT(t, irql_pending() & (1u << 23));
    KT_EXPECT(t, pic_get_mask() & (1u << UART_COM1_IRQ));
    KeLowerIrql(old);
    KT_EXPECT(t, com1_calls == 1 && com1_irql == 23);
    KT_EXPECT(t, !(pic_get_mask() & (1u << UART_COM1_IRQ)) && !irql_pending());
    irq_set_handler(UART_COM1_IRQ, com1_handler);
}

static void a_higher_interrupt_nests_in_a_lower_ones_handler(struct ktest *t)
{
    com1_calls = 0;
    clock_nested = false;
    irq_handler com1_handler = irq_set_handler(UART_COM1_IRQ, probe_com1);
    raise_com1_interrupt();
    KT_EXPECT(t, com1_calls == 1 && com1_irql == 23);
    KT_EXPECT(t, clock_nested);
    irq_set_handler(UART_COM1_IRQ, com1_handler);
}

/* A byte sent to ourselves (loopback) is taken by COM1's interrupt, but reaches the console's ring only
 * through the DPC, which waits while IRQL is DISPATCH_LEVEL. Nothing may be printed meanwhile. */
static void serial_input_reaches_the_console_through_a_dpc(struct ktest *t)
{
    KIRQL old;
    uint8_t byte = 0;
    uart_set_loopback(UART_COM1, true);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    uart_putc(UART_COM1, 'Z');
    uint64_t start = clock_ticks(); /* the receive interrupt waits out the UART's character timeout */
    for (unsigned i = 0; i < SPIN_LIMIT && clock_ticks() < start + 3; i++)
        __asm__ volatile("pause");
    bool early = serial_getc(&byte);
    KeLowerIrql(old);
    bool delivered = serial_getc(&byte);
    uart_set_loopback(UART_COM1, false);
    KT_EXPECT(t, !early);
    KT_EXPECT(t, delivered && byte == 'Z');
}

static irq_handler clock_handler;
static volatile unsigned probe_calls, probe_queue_dpc;
static volatile KIRQL probe_irql;
static volatile uint32_t probe_flags;
static KDPC probe_dpc;

/* Stands in for the clock handler: notes the IRQL and the interrupt flag, may queue a DPC, then ticks. */
static void probe_clock(void)
{
    __asm__ volatile("pushf; pop %0" : "=r"(probe_flags));
    probe_irql = KeGetCurrentIrql();
    if (probe_queue_dpc && !probe_calls)
        KeInsertQueueDpc(&probe_dpc, NULL, NULL);
    probe_calls++;
    clock_handler();
}

static void with_probe(void (*body)(struct ktest *t), struct ktest *t)
{
    probe_calls = 0;
    clock_handler = irq_set_handler(PIT_IRQ, probe_clock);
    body(t);
    irq_set_handler(PIT_IRQ, clock_handler);
}

static void probe_runs_at_dirql(struct ktest *t)
{
    KT_EXPECT(t, ktest_wait(&probe_calls, 1, 10));
    KT_EXPECT(t, probe_irql == CLOCK2_LEVEL);
    KT_EXPECT(t, probe_flags & EFLAGS_IF); /* so higher levels could nest */
}

static void handlers_run_at_their_dirql_with_interrupts_on(struct ktest *t)
{
    with_probe(probe_runs_at_dirql, t);
}

/* Nothing here lowers IRQL: the DPC can only have run on the return from the interrupt. */
static void probe_dpc_runs_on_return(struct ktest *t)
{
    while (!probe_calls)
        cpu_halt();
    KT_EXPECT(t, dpc_log.count == 1 && dpc_log.irql == DISPATCH_LEVEL);
}

static void a_dpc_queued_by_an_interrupt_runs_on_its_return(struct ktest *t)
{
    dpc_log_reset();
    KeInitializeDpc(&probe_dpc, dpc_log_routine, (PVOID)'p');
    probe_queue_dpc = 1;
    with_probe(probe_dpc_runs_on_return, t);
    probe_queue_dpc = 0;
}

static __attribute__((noinline)) void lower_site(KIRQL level)
{
    KeLowerIrql(level);
}

/* Where lower_site's bound instruction is: the one that reads irql_state (its pending_top word). */
static const uint8_t *find_lower_bound(void)
{
    const uint8_t *code = (const uint8_t *)lower_site;
    uint32_t pair = (uint32_t)&irql_state.pending_top;
    for (int i = 0; i < 64; i++)
        if (code[i] == 0x62 && (code[i + 1] & 0xC7) == 0x05 && memcmp(code + i + 2, &pair, 4) == 0)
            return code + i;
    return NULL;
}

/* An interrupt that lands between a lower's bound and its store, with something pending, backs the code
 * up to the bound; otherwise the store would bury what is pending. (TCG takes interrupts only between
 * translated blocks, so this is tested on a made-up frame.) */
static void an_interrupt_inside_a_lower_restarts_it(struct ktest *t)
{
    const uint8_t *bound = find_lower_bound();
    KT_EXPECT(t, bound != NULL);
    if (!bound)
        return;
    KIRQL old;
    KDPC dpc;
    struct trap_frame frame = { .eip = (uint32_t)bound + 6 };
    dpc_log_reset();
    KeInitializeDpc(&dpc, dpc_log_routine, (PVOID)'r');
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    irql_restart_lower(&frame);
    KT_EXPECT(t, frame.eip == (uint32_t)bound + 6); /* nothing pending: nothing to restart */
    KeInsertQueueDpc(&dpc, NULL, NULL);
    irql_restart_lower(&frame);
    KT_EXPECT(t, frame.eip == (uint32_t)bound);
    frame.eip = (uint32_t)bound + 5;
    irql_restart_lower(&frame);
    KT_EXPECT(t, frame.eip == (uint32_t)bound + 5); /* not after a bound */
    lower_site(old);
    KT_EXPECT(t, dpc_log.count == 1);
}

/* The APC routine and the trim hook of the tests below. */
static volatile unsigned calls;
static volatile KIRQL call_irql;

static void count_call(void)
{
    calls++;
    call_irql = KeGetCurrentIrql();
}

static void apc_interrupt_waits_for_irql_below_apc_level(struct ktest *t)
{
    KIRQL old;
    calls = 0;
    irql_set_apc_routine(count_call);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    irql_request_software_interrupt(APC_LEVEL);
    KT_EXPECT(t, calls == 0);
    KeLowerIrql(APC_LEVEL);
    KT_EXPECT(t, calls == 0);
    KeLowerIrql(old);
    KT_EXPECT(t, calls == 1 && call_irql == APC_LEVEL);
    irql_request_software_interrupt(APC_LEVEL); /* below it already: at once */
    KT_EXPECT(t, calls == 2);
    irql_set_apc_routine(NULL);
}

static void checker_trims_before_raises_to_dispatch_and_up(struct ktest *t)
{
    KIRQL old, inner;
    KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    calls = 0;
    irql_trim_hook saved = irql_set_trim_hook(count_call);
    irql_set_checking(true);
    KeRaiseIrql(APC_LEVEL, &old);
    KT_EXPECT(t, calls == 0);
    KeRaiseIrql(DISPATCH_LEVEL, &inner);
    KT_EXPECT(t, calls == 1 && call_irql == APC_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    KeLowerIrql(inner);
    KeLowerIrql(old);
    KeAcquireSpinLock(&lock, &old);
    KT_EXPECT(t, calls == 2);
    KeReleaseSpinLock(&lock, old);
    irql_set_checking(false);
    KeRaiseIrql(HIGH_LEVEL, &old);
    KeLowerIrql(old);
    KT_EXPECT(t, calls == 2);
    irql_set_trim_hook(saved);
}

/* The hook kmain installs is the memory manager's: a raise to DISPATCH_LEVEL with the checker on
 * takes every pageable page out of memory, so the next touch is a (soft) fault. */
static void checker_trims_pageable_memory(struct ktest *t)
{
    volatile uint32_t *page = pool_pages_alloc(1, true);
    KT_EXPECT(t, page != NULL);
    if (!page)
        return;
    *page = 0x1234;
    KT_EXPECT(t, *(volatile uint32_t *)pte_address((uint32_t)page) & PTE_VALID);
    struct mm_info before, after;
    mm_query(&before);
    KIRQL old;
    irql_set_checking(true);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeLowerIrql(old);
    irql_set_checking(false);
    KT_EXPECT(t, !(*(volatile uint32_t *)pte_address((uint32_t)page) & PTE_VALID));
    KT_EXPECT(t, *page == 0x1234);
    mm_query(&after);
    KT_EXPECT(t, after.trimmed > before.trimmed && after.faults_soft == before.faults_soft + 1);
    pool_pages_free((void *)page, 1);
}

static const struct ktest_case irql_cases[] = {
    { "raise_returns_the_old_level_and_lower_restores_it", raise_returns_the_old_level_and_lower_restores_it },
    { "levels_have_their_nt_names", levels_have_their_nt_names },
    { "lines_have_their_dirql", lines_have_their_dirql },
    { "clock_waits_while_raised_and_runs_once_on_lower", clock_waits_while_raised_and_runs_once_on_lower },
    { "a_masked_interrupt_is_replayed_once_when_irql_drops", a_masked_interrupt_is_replayed_once_when_irql_drops },
    { "a_higher_interrupt_nests_in_a_lower_ones_handler", a_higher_interrupt_nests_in_a_lower_ones_handler },
    { "serial_input_reaches_the_console_through_a_dpc", serial_input_reaches_the_console_through_a_dpc },
    { "higher_interrupts_come_in_at_a_raised_level", higher_interrupts_come_in_at_a_raised_level },
    { "handlers_run_at_their_dirql_with_interrupts_on", handlers_run_at_their_dirql_with_interrupts_on },
    { "a_dpc_queued_by_an_interrupt_runs_on_its_return", a_dpc_queued_by_an_interrupt_runs_on_its_return },
    { "an_interrupt_inside_a_lower_restarts_it", an_interrupt_inside_a_lower_restarts_it },
    { "apc_interrupt_waits_for_irql_below_apc_level", apc_interrupt_waits_for_irql_below_apc_level },
    { "checker_trims_before_raises_to_dispatch_and_up", checker_trims_before_raises_to_dispatch_and_up },
    { "checker_trims_pageable_memory", checker_trims_pageable_memory },
};
KTEST_SUITE(irql_suite, "irql", irql_cases);
