/* Hardware interrupts at their DIRQL on the 8259 PIC, the lazy way: an interrupt that arrives while
 * IRQL is at or above its level is masked at the PIC and marked pending, and replayed by the KeLowerIrql
 * that makes it eligible. Line n runs at 27 - n, except the clock (IRQ 0) at CLOCK2_LEVEL. */
#ifndef PAGODA_INTERRUPT_H
#define PAGODA_INTERRUPT_H

#include "kernel/trap.h"
#include "kernel/wdm.h"

typedef void (*irq_handler)(void);

/* Installs the handler for one PIC line and unmasks it; returns the handler it replaces. */
irq_handler irq_set_handler(unsigned irq, irq_handler handler);
KIRQL interrupt_irql(unsigned irq);

/* The stubs' entry for vectors 0x30..0x3F. */
void interrupt_dispatch(struct trap_frame *frame);
/* Runs the pending interrupt of a device level (IRQL already set to it; interrupts off), then unmasks
 * its line. */
void interrupt_replay(KIRQL level);

#endif
