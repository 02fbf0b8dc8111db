/* Paging-file fault injection: a filter stacked on the paging file's block device (as a filter driver
 * sits on a disk) that fails a share of the reads or writes, seeded so a run repeats. A failed write
 * loses nothing: the page stays on the modified list and goes to another slot later. A failed read is
 * an I/O error or a corrupted copy (a flipped bit, which the slot's checksum catches): either way
 * bugcheck 0x7A, never wrong data. */
#ifndef PAGODA_MM_FAULT_INJECT_H
#define PAGODA_MM_FAULT_INJECT_H

#include <stdint.h>

#include "mm/blockdev.h"

enum fault_inject_io { FAULT_INJECT_READ, FAULT_INJECT_WRITE };

struct fault_inject_stats {
    uint32_t reads_failed, reads_corrupted, writes_failed;
};

/* The filter over lower; its reads and writes pass through until a rate is set. */
struct block_device *fault_inject_attach(struct block_device *lower);
/* Fails percent (0 to 100; 0 turns it off) of the operations of that kind, drawn from seed. */
void fault_inject_set(enum fault_inject_io io, uint32_t percent, uint32_t seed);
const struct fault_inject_stats *fault_inject_stats(void);

#endif
