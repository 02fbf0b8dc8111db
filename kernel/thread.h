/* The one thread there is until threads exist (KeGetCurrentThread is declared in kernel/wdm.h). */
#ifndef PAGODA_THREAD_H
#define PAGODA_THREAD_H

#include "kernel/wdm.h"

/* What KeGetCurrentThread returns: a link-time constant, so a spinlock's owner word costs nothing. */
extern struct _KTHREAD ke_boot_thread;

#endif
