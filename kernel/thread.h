/* Threads: the KTHREAD every thread is (the boot thread, which runs the console, and the system
 * threads drivers create, drivers/ps_thread.c), and the scheduler's interface (kernel/sched.c).
 * KeGetCurrentThread is declared in kernel/wdm.h. */
#ifndef PAGODA_THREAD_H
#define PAGODA_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/callout.h"
#include "kernel/wdm.h"

#define THREAD_OBJECT 6 /* KOBJECTS' ThreadObject: a thread is a dispatcher object, signaled once it ends */
#define THREAD_PRIORITY_DEFAULT 8 /* the System process's base priority */

enum thread_state { THREAD_READY, THREAD_RUNNING, THREAD_WAITING, THREAD_TERMINATED };

struct wait; /* kernel/wait.c's wait in progress */

/* Opaque to drivers, as KTHREAD is on Windows; only the DISPATCHER_HEADER at offset 0 is theirs (they
 * wait on a thread). The rest is the scheduler's. */
struct _KTHREAD {
    DISPATCHER_HEADER Header; /* THREAD_OBJECT; SignalState 1 once terminated */
    LIST_ENTRY link;          /* every thread, in creation order (the boot thread first) */
    uint32_t esp;             /* saved while it is not running (kernel/sched.c) */
    volatile uint8_t state;   /* enum thread_state */
    KPRIORITY priority;       /* 0..31: the highest ready one runs, round robin among equals */
    ULONG id;                 /* PsGetCurrentThreadId: multiples of 4, the boot thread's 8 */
    uint32_t quantum;         /* clock ticks left before another thread of its priority gets a turn */
    /* The wait in progress (kernel/wait.c), and when the waiting thread is to look at it again: when
     * anything was signaled after generation, or at deadline (interrupt time). */
    struct wait *wait;
    uint32_t wait_generation;
    uint64_t wait_deadline;
    LONG critical_regions, guarded_regions; /* KeEnterCriticalRegion / KeEnterGuardedRegion depth */
    LONG mutexes_held;                      /* kernel mutexes it owns, the last it took */
    PRKMUTEX last_mutex;
    PRKQUEUE queue; /* the queue KeRemoveQueue associated it with: counted in CurrentCount while it runs */
    const void *start_routine; /* NULL for the boot thread */
    PVOID start_context;
    NTSTATUS exit_status;
    uintptr_t stack_limit, stack_base; /* its kernel stack [limit, base); 0 for the boot thread's */
    volatile LONG references;          /* pointer count: handles, ObReferenceObject*, itself while it runs */
    uint32_t switches;                 /* times it was switched to */
    KAFFINITY system_affinity;         /* KeSetSystemAffinityThread(Ex)'s mask; 0: its user affinity */
    struct callout_state callout;
};

/* The boot thread (the console's), and the thread running now. */
extern struct _KTHREAD ke_boot_thread;
extern struct _KTHREAD *volatile ke_current_thread;

/* Every live thread in creation order: start with NULL; NULL after the last. Interrupts off around
 * the walk, or a thread may go meanwhile (PASSIVE_LEVEL code that frees threads is the only remover). */
PKTHREAD thread_next(PKTHREAD prev);
const char *thread_state_name(const struct _KTHREAD *t);

/* The kernel-only scheduler (kernel/sched.c). */

#define THREAD_STACK_CANARY 0x5354414Bu /* "KATS" in the lowest word of a thread's stack */

/* Makes t, zeroed and with its stack [limit, limit + size) by the caller, a thread with its id that will
 * call start(context) (stdcall) at PASSIVE_LEVEL; it takes a reference on itself, dropped when it ends.
 * thread_ready then lets it run (in between, its creator reports it: drivers/ps_notify.h). */
void thread_init(PKTHREAD t, void *stack_limit, uint32_t stack_size, const void *start, PVOID context);
void thread_ready(PKTHREAD t);
/* What thread_exit calls first in the ending thread, at PASSIVE_LEVEL once its end is allowed (the
 * drivers' thread-notify routines, set by boot). */
void thread_set_exit_notify(void (*notify)(PKTHREAD));
/* Ends the current thread (not the boot thread): the documented bugchecks for what it still holds,
 * then signaled, then never runs again. Its memory stays until its last reference goes. */
__attribute__((noreturn)) void thread_exit(NTSTATUS status);
/* The current thread waits until anything is signaled or the deadline (interrupt time) passes, running
 * another thread meanwhile; returns false, having run none, if no other thread could run (only the
 * boot thread's waits can find that: any other waiter hands the CPU to the boot thread). Interrupts
 * off, IRQL below DISPATCH_LEVEL; returns with interrupts off, at the same IRQL. */
bool thread_wait_switch(uint64_t deadline);
/* Something a waiter may be waiting for was signaled: waiting threads look again, a higher-priority
 * one at once (through the DISPATCH_LEVEL software interrupt). Any IRQL. */
void thread_signal(void);
/* Whether a thread other than the current one could run now. */
bool thread_other_ready(void);
/* The boot thread, idle (the console waits for a key): lets every thread that can run have the CPU. */
void thread_yield_idle(void);
/* The rest of the current thread's quantum goes to a thread of its priority or higher that can run, if
 * there is one (KeDelayExecutionThread with a zero interval); whether one ran. Below DISPATCH_LEVEL. */
bool thread_yield(void);
/* A thread associated with a kernel queue (kernel/queue.c) stops counting as running in it while it
 * waits on anything else, counts again when the wait ends, and leaves the queue when it ends. The queue
 * gives its handler before any thread can be associated: the waits and the scheduler, which the queue
 * calls, cannot call it. Interrupts off; nothing for a thread without a queue. */
enum queue_event { QUEUE_THREAD_BLOCKS, QUEUE_THREAD_RESUMES, QUEUE_THREAD_LEAVES };
typedef void (*thread_queue_handler)(PKTHREAD thread, enum queue_event event);
void thread_set_queue_handler(thread_queue_handler handler);
void thread_queue_event(PKTHREAD thread, enum queue_event event);
/* The clock tick (from the clock interrupt, with the interrupt time): ends quanta, and times waits out. */
void sched_clock_tick(uint64_t now);
/* From the DISPATCH_LEVEL software interrupt, after the DPCs, interrupts off: switches if a quantum
 * ended or a thread of higher priority became ready. */
void sched_dispatch(void);
/* Called when a thread's last reference goes and it has ended: takes one such thread off the list of
 * threads and returns it, for its creator to free (never the current thread); NULL when none. */
PKTHREAD thread_take_dead(void);
/* Drops a reference to a thread that counts them (not the boot thread); returns the count after. */
LONG thread_dereference(PKTHREAD t);
/* The thread object p points to (a thread the scheduler knows), or NULL. */
PKTHREAD thread_at(const void *p);
/* A thread that has not ended and whose start routine lies in [lo, hi), or NULL. */
PKTHREAD thread_find_running_in_range(uintptr_t lo, uintptr_t hi);

#endif
