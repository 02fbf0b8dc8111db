/* The DPC queue (KeInitializeDpc, KeInsertQueueDpc, KeRemoveQueueDpc are in wdm.h): one FIFO, drained
 * by the DISPATCH_LEVEL software interrupt. */
#ifndef PAGODA_DPC_H
#define PAGODA_DPC_H

#include <stdbool.h>
#include <stdint.h>

/* Runs queued DPCs, oldest first, until the queue is empty. At DISPATCH_LEVEL, interrupts on. */
void dpc_drain(void);

/* Whether a DPC routine is running now (Driver Verifier's check of a lower inside one). */
bool dpc_routine_running(void);

/* A queued DPC that lies in [lo, hi) (*routine_only false), or the routine of one whose routine does
 * (true), or NULL. Each queued DPC counts in live_objects (kernel/live_objects.h). */
const void *dpc_find_queued_in_range(uintptr_t lo, uintptr_t hi, bool *routine_only);

#endif
