/* Getting frames back when memory runs short: the modified page writer (dirty pages to the paging
 * file in batches, then onto standby) and trimming of the working set. */
#ifndef PAGODA_MM_RECLAIM_H
#define PAGODA_MM_RECLAIM_H

#include <stdbool.h>

#include "mm/frames.h"

#define RECLAIM_BATCH 16
#define RECLAIM_TRIES_PER_WRITE 4
#define RECLAIM_LOW_WATER 64 /* fewer free, zeroed and standby frames than this: trim */

uint32_t reclaim_frame_slow(enum pfn_state state, bool zero);
void reclaim_balance_slow(void);

/* frame_take, trimming and writing pages out until a frame is found. PFN_NONE when nothing can go.
 * Inline, as reclaim_balance's test: a fault that finds a frame at once pays no call for the rest. */
static inline uint32_t reclaim_frame(enum pfn_state state, bool zero)
{
    uint32_t pfn = frame_take(state, zero);
    return pfn != PFN_NONE ? pfn : reclaim_frame_slow(state, zero);
}
/* Writes up to max modified pages to the paging file, oldest first; returns how many went. Unless
 * exhaustive, it gives up after RECLAIM_TRIES_PER_WRITE * max pages that cannot go (no slot left). */
uint32_t reclaim_write_modified(uint32_t max, bool exhaustive);
/* Trims (down to the working set's minimum) when free memory is below the low-water mark; writes
 * modified pages when the modified list outgrows its share of memory (an eighth) or memory is low. */
static inline uint32_t reclaim_frames_available(void)
{
    const uint32_t *n = frames_db()->in_state;
    return n[PFN_FREE] + n[PFN_ZEROED] + n[PFN_STANDBY] + frames_deferred;
}

static inline void reclaim_balance(void)
{
    if (reclaim_frames_available() < RECLAIM_LOW_WATER || frames_db()->in_state[PFN_MODIFIED] >= RECLAIM_BATCH)
        reclaim_balance_slow();
}
/* Empties the working set, writes every modified page and drops every standby frame, so that the next
 * touch of any pageable page is a hard fault (tests, benchmarks, the checksum test hook). */
void reclaim_everything(void);
/* 0x4D NO_PAGES_AVAILABLE when nothing more can be had, with Microsoft's parameters: the dirty pages,
 * those of them bound for the paging file, the resident pages still available, the last
 * modified-page write's status. */
__attribute__((noreturn)) void reclaim_no_pages_available(void);

#endif
