/* The current thread and process as drivers see them. Pagoda has no threads yet: KeGetCurrentThread
 * returns one stable object, the boot thread, as the checked kernel's spinlock words need an owner
 * (kernel/spinlock.h); its process is the System process, whose id is 4 on Windows. Portable: the
 * host's pool takes spinlocks too. */
#include "kernel/thread.h"

/* Opaque to drivers, as KTHREAD is; the size of x86 Windows' keeps pointers into it plausible. */
struct _KTHREAD {
    UCHAR Opaque[0x200];
};

struct _KTHREAD ke_boot_thread;

PKTHREAD NTAPI KeGetCurrentThread(VOID)
{
    return &ke_boot_thread;
}

#define SYSTEM_PROCESS_ID 4
#define BOOT_THREAD_ID 8 /* ids are multiples of 4; the first after the System process's */

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
    return (HANDLE)BOOT_THREAD_ID;
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

/* The boot thread's priority: the System process's base priority, 8, until a driver sets another.
 * Kept and read back; with one thread nothing is scheduled by it. */
static KPRIORITY boot_thread_priority = 8;

KPRIORITY NTAPI KeQueryPriorityThread(PKTHREAD Thread)
{
    (void)Thread; /* there is one */
    return boot_thread_priority;
}

KPRIORITY NTAPI KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
    (void)Thread;
    KPRIORITY old = boot_thread_priority;
    boot_thread_priority = Priority;
    return old;
}

BOOLEAN NTAPI PsIsSystemThread(PETHREAD Thread)
{
    return Thread == &ke_boot_thread; /* the one thread, in the System process */
}
