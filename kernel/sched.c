/* The scheduler, NT's uniprocessor model. Each thread has its own kernel stack and is switched only at
 * DISPATCH_LEVEL with interrupts off, so spinlocks and raised IRQL keep a thread on the CPU:
 *  - when it waits and its wait is not satisfied (thread_wait_switch, from kernel/wait.c);
 *  - from the DISPATCH_LEVEL software interrupt, after the DPCs (sched_dispatch): at the end of its
 *    quantum, which the clock requests through the same pending bit a queued DPC sets (so
 *    KeRaiseIrql and KeLowerIrql do not change), or when a thread of higher priority can run;
 *  - when the console goes idle (thread_yield_idle).
 * The highest-priority thread that can run runs; equals take turns, a quantum (3 ticks) each. A waiting
 * thread can run again when anything was signaled since it last looked (KeSetEvent, a mutex's or
 * semaphore's release, a thread's end, each clock tick) or its timeout passed: it then looks at its
 * objects again and waits anew if they are still not signaled. The boot thread is the idle thread too:
 * when no thread can run it runs, and its own waits poll as they always did. */
#include <stddef.h>

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/irql.h"
#include "kernel/pcr.h"
#include "kernel/thread.h"

#define QUANTUM_TICKS 3
#define FIRST_THREAD_ID 12
#define NO_DEADLINE UINT64_MAX
#define STACK_OVERFLOW_VECTOR 8 /* Windows reports a kernel stack overflow as 0x7F with a double fault */

static volatile uint32_t generation; /* bumped by every signal */
static uint64_t now_100ns;             /* interrupt time, kept by the clock tick (interrupts off to read) */
static volatile bool quantum_end, preempt_wanted;
static unsigned thread_count = 1;
static ULONG next_id = FIRST_THREAD_ID;

/* void context_switch(uint32_t *save_esp, uint32_t load_esp): saves the callee-saved registers on this
 * stack and its pointer in *save_esp, takes the other stack and returns on it. */
void context_switch(uint32_t *save_esp, uint32_t load_esp);
__asm__(".text\n"
        ".globl context_switch\n"
        ".type context_switch, @function\n"
        "context_switch:\n"
        "  mov 4(%esp), %eax\n"
        "  mov 8(%esp), %edx\n"
        "  push %ebp\n"
        "  push %ebx\n"
        "  push %esi\n"
        "  push %edi\n"
        "  mov %esp, (%eax)\n"
        "  mov %edx, %esp\n"
        "  pop %edi\n"
        "  pop %esi\n"
        "  pop %ebx\n"
        "  pop %ebp\n"
        "  ret\n"
        ".size context_switch, . - context_switch\n");

static bool can_run(const struct _KTHREAD *t, uint64_t now)
{
    return t->state == THREAD_READY ||
           (t->state == THREAD_WAITING && (t->wait_generation != generation || now >= t->wait_deadline));
}

/* The thread to run instead of the current one: the highest priority that can run, the first after the
 * current one in the list among equals (so equals take turns); NULL if none can. */
static PKTHREAD best_other(void)
{
    uint64_t now = now_100ns;
    PKTHREAD self = ke_current_thread, best = 0;
    for (PKTHREAD t = thread_next(self) ? thread_next(self) : thread_next(0); t != self;
         t = thread_next(t) ? thread_next(t) : thread_next(0))
        if (can_run(t, now) && (!best || t->priority > best->priority))
            best = t;
    return best;
}

/* A stack whose lowest word was overwritten overflowed (or came close): Windows' 0x7F with a double
 * fault, p2 the thread, p3 its stack's limit. */
static void check_stack(const struct _KTHREAD *t)
{
    if (t->stack_limit && *(const uint32_t *)t->stack_limit != THREAD_STACK_CANARY)
        KeBugCheckEx(BUGCHECK_UNEXPECTED_KERNEL_MODE_TRAP, STACK_OVERFLOW_VECTOR, (ULONG_PTR)t, t->stack_limit, 0);
}

/* At DISPATCH_LEVEL, interrupts off. Returns when the current thread is switched back to. */
static void switch_to(PKTHREAD next)
{
    PKTHREAD self = ke_current_thread;
    check_stack(self);
    if (self->state == THREAD_RUNNING)
        self->state = THREAD_READY;
    next->state = THREAD_RUNNING;
    next->quantum = QUANTUM_TICKS;
    next->switches++;
    callout_switch(&self->callout, &next->callout);
    ke_current_thread = next;
    pcr_set_current_thread(next);
    context_switch(&self->esp, next->esp);
}

/* Raised to DISPATCH_LEVEL with interrupts off, as every switch is. */
static KIRQL raise_for_switch(void)
{
    KIRQL old = KeGetCurrentIrql();
    irql_state.current = DISPATCH_LEVEL;
    return old;
}

bool thread_wait_switch(uint64_t deadline)
{
    PKTHREAD self = ke_current_thread;
    KIRQL old = raise_for_switch();
    self->state = THREAD_WAITING;
    self->wait_generation = generation;
    self->wait_deadline = deadline;
    PKTHREAD next = best_other();
    if (!next && self != &ke_boot_thread)
        next = &ke_boot_thread; /* the idle thread */
    if (next)
        switch_to(next);
    self->state = THREAD_RUNNING;
    irql_deliver(old); /* what was requested meanwhile below DISPATCH_LEVEL runs now */
    return next != 0;
}

/* Gives the CPU to the best thread that can run, of any priority or (not idle) of the current one's or
 * higher; the current thread stays ready. Whether one ran. */
static bool yield(bool idle)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    KIRQL old = raise_for_switch();
    PKTHREAD next = best_other();
    bool switching = next && (idle || next->priority >= ke_current_thread->priority);
    if (switching)
        switch_to(next);
    irql_deliver(old);
    cpu_restore_interrupts(flags);
    return switching;
}

void thread_yield_idle(void)
{
    yield(true);
}

bool thread_yield(void)
{
    return yield(false);
}

bool thread_other_ready(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    bool ready = thread_count > 1 && best_other() != 0;
    cpu_restore_interrupts(flags);
    return ready;
}

void thread_signal(void)
{
    generation++;
    if (thread_count > 1) {
        preempt_wanted = true;
        irql_request_software_interrupt(DISPATCH_LEVEL);
    }
}

void sched_clock_tick(uint64_t now)
{
    now_100ns = now;
    generation++; /* timeouts, and anything signaled without a call that says so, are looked at */
    PKTHREAD self = ke_current_thread;
    if (thread_count > 1 && (self->quantum == 0 || --self->quantum == 0)) {
        quantum_end = true;
        irql_request_software_interrupt(DISPATCH_LEVEL);
    }
}

void sched_dispatch(void)
{
    if (!quantum_end && !preempt_wanted)
        return;
    bool turn = quantum_end;
    quantum_end = preempt_wanted = false;
    PKTHREAD self = ke_current_thread, next = best_other();
    if (!next || self->state != THREAD_RUNNING) {
        self->quantum = QUANTUM_TICKS;
        return;
    }
    if (next->priority > self->priority || (turn && next->priority >= self->priority))
        switch_to(next);
    else
        self->quantum = turn ? QUANTUM_TICKS : self->quantum;
}

/* Where a new thread's first switch returns to: IRQL down to PASSIVE_LEVEL (whatever was requested
 * meanwhile runs), then its start routine through the callout trampoline, then its end. */
static __attribute__((noreturn)) void thread_first_run(void)
{
    PKTHREAD self = ke_current_thread;
    cpu_enable_interrupts();
    KeLowerIrql(PASSIVE_LEVEL);
    uintptr_t context = (uintptr_t)self->start_context;
    callout_stdcall(self->start_routine, 1, &context);
    thread_exit(STATUS_SUCCESS); /* returning from the start routine ends the thread, as on Windows */
}

void thread_init(PKTHREAD t, void *stack_limit, uint32_t stack_size, const void *start, PVOID context)
{
    t->Header = (DISPATCHER_HEADER){ .Type = THREAD_OBJECT, .Size = sizeof(DISPATCHER_HEADER) / sizeof(ULONG) };
    InitializeListHead(&t->Header.WaitListHead);
    t->priority = THREAD_PRIORITY_DEFAULT;
    t->start_routine = start;
    t->start_context = context;
    t->stack_limit = (uintptr_t)stack_limit;
    t->stack_base = (uintptr_t)stack_limit + stack_size;
    t->references++; /* its own, while it runs */
    *(uint32_t *)stack_limit = THREAD_STACK_CANARY;
    /* What context_switch pops: edi, esi, ebx, ebp, then the return into thread_first_run, whose own
     * return address (never used) sits above. */
    uint32_t *sp = (uint32_t *)t->stack_base;
    *--sp = 0;
    *--sp = (uint32_t)thread_first_run;
    for (int i = 0; i < 4; i++)
        *--sp = 0;
    t->esp = (uint32_t)sp;
    uint32_t flags = cpu_save_and_disable_interrupts();
    t->id = next_id;
    next_id += 4;
    cpu_restore_interrupts(flags);
}

void thread_ready(PKTHREAD t)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    t->state = THREAD_READY;
    InsertTailList(&ke_boot_thread.link, &t->link);
    thread_count++;
    cpu_restore_interrupts(flags);
    thread_signal(); /* a new thread of higher priority runs at once */
}

LONG thread_dereference(PKTHREAD t)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    LONG after = --t->references;
    cpu_restore_interrupts(flags);
    return after;
}

/* 0x4000008A THREAD_TERMINATE_HELD_MUTEX (the thread, the mutex) for a kernel mutex it owns; 0x20
 * KERNEL_APC_PENDING_DURING_EXIT (no APC: 0, the APC disable count as Windows' CombinedApcDisable
 * packs it, the IRQL) when it ends inside a critical or guarded region or above PASSIVE_LEVEL. */
static void check_exit(PKTHREAD self)
{
    if (self->mutexes_held)
        KeBugCheckEx(BUGCHECK_THREAD_TERMINATE_HELD_MUTEX, (ULONG_PTR)self, (ULONG_PTR)self->last_mutex, 0, 0);
    ULONG disable = ((ULONG)(uint16_t)-self->guarded_regions << 16) | (uint16_t)-self->critical_regions;
    if (disable || KeGetCurrentIrql() != PASSIVE_LEVEL)
        KeBugCheckEx(BUGCHECK_KERNEL_APC_PENDING_DURING_EXIT, 0, disable, KeGetCurrentIrql(), 0);
}

static void (*exit_notify)(PKTHREAD);

void thread_set_exit_notify(void (*notify)(PKTHREAD))
{
    exit_notify = notify;
}

static thread_queue_handler queue_handler;

void thread_set_queue_handler(thread_queue_handler handler)
{
    queue_handler = handler;
}

void thread_queue_event(PKTHREAD thread, enum queue_event event)
{
    if (thread->queue)
        queue_handler(thread, event);
}

void thread_exit(NTSTATUS status)
{
    PKTHREAD self = ke_current_thread;
    check_exit(self);
    if (exit_notify)
        exit_notify(self);
    cpu_disable_interrupts();
    thread_queue_event(self, QUEUE_THREAD_LEAVES);
    raise_for_switch();
    self->exit_status = status;
    self->state = THREAD_TERMINATED;
    self->Header.SignalState = 1;
    self->references--; /* its own: the last one leaves it to thread_take_dead */
    generation++;
    PKTHREAD next = best_other();
    switch_to(next ? next : &ke_boot_thread);
    __builtin_unreachable();
}

PKTHREAD thread_take_dead(void)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PKTHREAD found = 0;
    for (PKTHREAD t = thread_next(0); t && !found; t = thread_next(t))
        if (t->state == THREAD_TERMINATED && t->references <= 0 && t != ke_current_thread)
            found = t;
    if (found) {
        RemoveEntryList(&found->link);
        thread_count--;
    }
    cpu_restore_interrupts(flags);
    return found;
}

PKTHREAD thread_find_running_in_range(uintptr_t lo, uintptr_t hi)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PKTHREAD found = 0;
    for (PKTHREAD t = thread_next(0); t && !found; t = thread_next(t))
        if (t->state != THREAD_TERMINATED && (uintptr_t)t->start_routine - lo < hi - lo)
            found = t;
    cpu_restore_interrupts(flags);
    return found;
}

PKTHREAD thread_at(const void *p)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    PKTHREAD found = 0;
    for (PKTHREAD t = thread_next(0); t && !found; t = thread_next(t))
        if (t == p)
            found = t;
    cpu_restore_interrupts(flags);
    return found;
}

/* Every thread is a system thread: there is no user mode. */
BOOLEAN NTAPI PsIsSystemThread(PETHREAD Thread)
{
    return thread_at(Thread) != 0;
}
