/* The DPC queue (KeInitializeDpc, KeInsertQueueDpc, KeRemoveQueueDpc are in wdm.h): one FIFO, drained
 * by the DISPATCH_LEVEL software interrupt. */
#ifndef PAGODA_DPC_H
#define PAGODA_DPC_H

/* Runs queued DPCs, oldest first, until the queue is empty. At DISPATCH_LEVEL, interrupts on. */
void dpc_drain(void);

#endif
