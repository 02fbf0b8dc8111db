/* IRQL: the interrupt priority of the running code, with NT x86's numbering and names. The fast path
 * (KeRaiseIrql, KeLowerIrql) is inline in wdm.h; this is the rest: pending interrupts and their replay,
 * software interrupts, the #BR handler behind the fast path's checks, and the IRQL checker. */
#ifndef PAGODA_IRQL_H
#define PAGODA_IRQL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/trap.h"
#include "kernel/wdm.h"

/* The name of a level: the NT name, or "DEVICE_LEVEL" for the levels between DISPATCH and PROFILE. */
const char *irql_name(KIRQL irql);
/* Parses a level given by number or by name; returns false if it is neither. */
int irql_parse(const char *s, KIRQL *out);

/* Takes over #BR, where the fast path's checks land. */
void irql_init(void);

/* Levels with an interrupt pending (bit n: level n). */
uint32_t irql_pending(void);
/* Marks a level pending. Interrupts off; the level is at or below the current IRQL. */
void irql_set_pending(KIRQL level);
/* Requests the software interrupt of APC_LEVEL or DISPATCH_LEVEL: it runs at once if IRQL is below it,
 * else as soon as IRQL drops below it. */
void irql_request_software_interrupt(KIRQL level);
/* Runs every pending interrupt above target, highest first, each at its own level, then leaves IRQL at
 * target. Called with interrupts off, returns with them off. */
void irql_deliver(KIRQL target);
/* For the end of an interrupt: if it came between the bound and the store of a KeLowerIrql while
 * something is pending, backs the interrupted code up to the bound so the lower sees it. */
void irql_restart_lower(struct trap_frame *frame);

/* What the APC_LEVEL software interrupt runs. Threads have no APC queues yet: the
 * tests register a routine to see the interrupt delivered. NULL for none. */
void irql_set_apc_routine(void (*routine)(void));

/* The IRQL checker ("Force IRQL Checking"): while on, every KeRaiseIrql to DISPATCH_LEVEL or above,
 * spinlocks included, first calls the trim hook, so pageable memory touched above APC_LEVEL faults. */
void irql_set_checking(bool on);
bool irql_checking(void);
/* The memory manager's "trim everything pageable"; NULL for none. */
typedef void (*irql_trim_hook)(void);
/* Installs the checker's trim routine and returns the one it replaces. */
irql_trim_hook irql_set_trim_hook(irql_trim_hook trim);

#endif
