/* The current thread as drivers see it. Pagoda has no threads yet: KeGetCurrentThread returns one stable
 * object, the boot thread, as the checked kernel's spinlock words need an owner (kernel/spinlock.h).
 * Portable: the host's pool takes spinlocks too. */
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
