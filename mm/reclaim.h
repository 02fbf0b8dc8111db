/* Getting frames back when memory runs short: the modified page writer (dirty pages to the paging
 * file in batches, then onto standby) and trimming of the working set. */
#ifndef PAGODA_MM_RECLAIM_H
#define PAGODA_MM_RECLAIM_H

#include <stdbool.h>

#include "mm/pfn_db.h"

#define RECLAIM_BATCH 16
#define RECLAIM_TRIES_PER_WRITE 4
#define RECLAIM_LOW_WATER 64 /* fewer free, zeroed and standby frames than this: trim */

/* frame_take, trimming and writing pages out until a frame is found. PFN_NONE when nothing can go. */
uint32_t reclaim_frame(enum pfn_state state, bool zero);
/* Writes up to max modified pages to the paging file, oldest first; returns how many went. Unless
 * exhaustive, it gives up after RECLAIM_TRIES_PER_WRITE * max pages that cannot go (no slot left). */
uint32_t reclaim_write_modified(uint32_t max, bool exhaustive);
/* Trims (down to the working set's minimum) when free memory is below the low-water mark; writes
 * modified pages when the modified list outgrows its share of memory (an eighth) or memory is low. */
void reclaim_balance(void);
/* Empties the working set, writes every modified page and drops every standby frame, so that the next
 * touch of any pageable page is a hard fault (tests, benchmarks, the checksum test hook). */
void reclaim_everything(void);
/* 0x4D NO_PAGES_AVAILABLE when nothing more can be had, with Microsoft's parameters: the dirty pages,
 * those of them bound for the paging file, the resident pages still available, the last
 * modified-page write's status. */
__attribute__((noreturn)) void reclaim_no_pages_available(void);

#endif
