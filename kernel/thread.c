/* The current thread and process as drivers see them, and the list of threads. The boot thread runs
 * the console; drivers' system threads (drivers/ps_thread.c) are scheduled by kernel/sched.c. All run
 * in the System process, whose id is 4 on Windows. Portable: the host's pool takes spinlocks too, and
 * its one thread is the boot thread. */
#include "kernel/thread.h"

#include <stddef.h>

#define SYSTEM_PROCESS_ID 4
#define BOOT_THREAD_ID 8 /* ids are multiples of 4; the first after the System process's */

struct _KTHREAD ke_boot_thread = {
    .Header = { .Type = THREAD_OBJECT, .Size = sizeof(DISPATCHER_HEADER) / sizeof(ULONG),
                .WaitListHead = { &ke_boot_thread.Header.WaitListHead, &ke_boot_thread.Header.WaitListHead } },
    .link = { &ke_boot_thread.link, &ke_boot_thread.link },
    .state = THREAD_RUNNING,
    .priority = THREAD_PRIORITY_DEFAULT,
    .id = BOOT_THREAD_ID,
    .references = 1,
};

struct _KTHREAD *volatile ke_current_thread = &ke_boot_thread;

PKTHREAD NTAPI KeGetCurrentThread(VOID)
{
    return ke_current_thread;
}

PKTHREAD thread_next(PKTHREAD prev)
{
    if (!prev)
        return &ke_boot_thread;
    PLIST_ENTRY e = prev->link.Flink;
    return e == &ke_boot_thread.link ? 0 : CONTAINING_RECORD(e, struct _KTHREAD, link);
}

const char *thread_state_name(const struct _KTHREAD *t)
{
    static const char *const names[] = { "ready", "running", "waiting", "terminated" };
    return t->state < sizeof(names) / sizeof(names[0]) ? names[t->state] : "?";
}

/* Opaque to drivers, as EPROCESS is. */
struct _KPROCESS {
    UCHAR Opaque[0x200];
};

static struct _KPROCESS system_process;

HANDLE NTAPI PsGetCurrentProcessId(VOID)
{
    return (HANDLE)SYSTEM_PROCESS_ID;
}

HANDLE NTAPI PsGetCurrentThreadId(VOID)
{
    return (HANDLE)(uintptr_t)ke_current_thread->id;
}

PEPROCESS NTAPI PsGetCurrentProcess(VOID)
{
    return &system_process;
}

PEPROCESS NTAPI IoGetCurrentProcess(VOID)
{
    return &system_process;
}

/* No user mode: whatever called, it came from kernel mode. */
KPROCESSOR_MODE NTAPI KeGetPreviousMode(VOID)
{
    return KernelMode;
}

KPROCESSOR_MODE NTAPI ExGetPreviousMode(VOID)
{
    return KernelMode;
}

/* Each thread's own, 8 (the System process's base priority) until a driver sets another. */
KPRIORITY NTAPI KeQueryPriorityThread(PKTHREAD Thread)
{
    return Thread->priority;
}

/* The scheduler reads the new priority at its next decision (a wait, a signal, a quantum's end). */
KPRIORITY NTAPI KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
    KPRIORITY old = Thread->priority;
    Thread->priority = Priority;
    return old;
}
