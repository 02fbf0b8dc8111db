/* The processor control region as x86 Windows lays it out, behind FS in kernel mode: what drivers'
 * inline code reads through FS (the WDK's KeGetCurrentProcessorNumber reads FS:[0x51], PsGetCurrentThread
 * FS:[0x124]). One processor: the fields are constants but the current thread, which each switch sets. */
#ifndef PAGODA_PCR_H
#define PAGODA_PCR_H

#include <stdint.h>

/* The GDT's segment for FS (kernel/gdt.c): base the PCR, limit its size. */
uintptr_t pcr_base(void);
uint32_t pcr_size(void);
/* KPRCB's CurrentThread (kernel/sched.c, at each switch). */
struct _KTHREAD;
void pcr_set_current_thread(struct _KTHREAD *thread);

#endif
