/* A block being freed must hold no live object, or that object goes on living in memory someone else
 * gets next, and the crash comes far away. Checked on every caller's free while any such object lives
 * (kernel/live_objects.h), as the checked kernel's free looks for timers and Driver Verifier's for the
 * rest, with the codes and parameters of Microsoft's bug check reference:
 *   0xC7 TIMER_OR_DPC_INVALID (0 timer / 1 DPC, the object, block start, block end)   a set timer, the
 *        DPC of a set timer, or a queued DPC in the block; a verified driver's free of a block holding
 *        a set timer is Driver Verifier's 0xC4/0x15 (timer, pool type, block) instead
 *   0xC4/0xCC (lookaside, block, block's bytes)   a live lookaside list in the block (every caller:
 *        the kernel's list of lookaside lists would lead into freed memory) */
#ifndef PAGODA_FREED_OBJECTS_H
#define PAGODA_FREED_OBJECTS_H

/* Before p is freed; caller is the return address of the free's caller. An address that is no
 * allocated block, or a paged one above APC_LEVEL, is left to the free, which reports it. */
void freed_objects_check(const void *p, const void *caller);

#endif
