/* The DPC queue (KeInitializeDpc, KeInsertQueueDpc, KeRemoveQueueDpc are in wdm.h): one FIFO, drained
 * by the DISPATCH_LEVEL software interrupt. */
#ifndef PAGODA_DPC_H
#define PAGODA_DPC_H

#include <stdbool.h>
#include <stdint.h>

/* Runs queued DPCs, oldest first, until the queue is empty. At DISPATCH_LEVEL, interrupts on. */
void dpc_drain(void);

/* Around each DPC routine: enter gets the routine's address and returns what leave gets back. Boot sets
 * them so that what a driver's DPC allocates is charged to that driver, not to whichever driver's
 * DriverEntry or DriverUnload the DPC interrupted. */
typedef void *(*dpc_enter_hook)(const void *routine);
typedef void (*dpc_leave_hook)(void *cookie);
void dpc_set_hooks(dpc_enter_hook enter, dpc_leave_hook leave);

/* A queued DPC that lies in [lo, hi) (*routine_only false) or whose routine does (true), or NULL. */
const void *dpc_find_queued_in_range(uintptr_t lo, uintptr_t hi, bool *routine_only);

#endif
