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
