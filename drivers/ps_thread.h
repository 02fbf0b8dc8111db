/* System threads for drivers (PsCreateSystemThread), on kernel/sched.c's scheduler. */
#ifndef PAGODA_PS_THREAD_H
#define PAGODA_PS_THREAD_H

#include "kernel/thread.h"

#define PS_THREAD_STACK_PAGES 4 /* 16 KiB of nonpaged kernel stack, its lowest word a canary */
#define PS_THREAD_TAG 0x65726854u /* 'Thre', the tag Windows' thread objects carry */

/* The thread type, *PsThreadType. */
extern struct _OBJECT_TYPE ps_thread_type;

/* Frees every thread that has ended and whose last reference is gone (at PASSIVE_LEVEL: the console's
 * idle loop, and each create, close or dereference). */
void ps_thread_reap(void);
/* A reference more / one less on a thread object that counts them (every thread but the boot thread);
 * the last one of an ended thread frees it. More dereferences than references: 0x18. */
void ps_thread_reference(PKTHREAD thread);
void ps_thread_dereference(PKTHREAD thread);

#endif
