/* Physical frames: the PFN database over every usable frame, and taking frames off its lists. */
#ifndef PAGODA_MM_FRAMES_H
#define PAGODA_MM_FRAMES_H

#include <stdbool.h>

#include "mm/pfn_db.h"
#include "mm/physmem.h"

/* Builds the database at PFN_DATABASE_START from the frames of pm (boot: before any other frame use).
 * Its page tables, and frames set aside for its pages, come from the lowest frames and stay PFN_KERNEL;
 * records for the other frames are made as they are needed (frames_deferred), and the pages that hold
 * them mapped then (frames_reserved). */
void frames_init(const struct physmem *pm);
extern struct pfn_db frames_database; /* frames_db() names it */
/* Usable frames the database has no records for yet: free, taken in (FRAMES_GROW at a time) when the
 * free list runs dry. Every count of free memory includes them. */
extern uint32_t frames_deferred;
/* Frames set aside for the database's pages that have no record yet: kernel frames, counted as such. */
extern uint32_t frames_reserved;

static inline struct pfn_db *frames_db(void)
{
    return &frames_database;
}

/* A frame no PTE maps and no paging-file slot backs (taken, or about to be released), and no
 * contiguous allocation starts at (mm/contiguous.c trusts a taken kernel frame's run). */
static inline void frame_disown(struct pfn_entry *e)
{
    e->pte_va = 0;
    e->slot = PFN_NO_SLOT;
    e->run = 0;
}

/* frame_take when its first list is empty: the other lists, deferred frames, zeroing. */
uint32_t frame_take_slow(enum pfn_state state, bool zero);
/* A frame from the zeroed, free or (repurposed, oldest first) standby list, moved to state, with no
 * PTE and no slot; zeroed if asked. PFN_NONE if all three lists are empty. A zeroed frame is kept for a
 * request that wants one, as NT's free and zeroed lists are. Inline: a fault takes its frame off the
 * head of the first list. */
static inline uint32_t frame_take(enum pfn_state state, bool zero)
{
    uint32_t pfn = pfn_take_head(frames_db(), zero ? PFN_ZEROED : PFN_FREE, state);
    if (pfn == PFN_NONE)
        return frame_take_slow(state, zero);
    frame_disown(pfn_linked(frames_db(), pfn));
    return pfn;
}
/* Repurposes every standby frame: their pages are left with only the paging-file copy. */
void frames_drop_standby(void);
/* NT's zero page thread's work, done by the idle loop under the memory manager's lock: one free frame
 * zeroed and put on the zeroed list, where demand-zero faults look first. False when no frame is free. */
bool frames_zero_one(void);
/* The zeroed list's frames back on the free list, as if never zeroed (faultbench's figure for a
 * demand-zero fault that zeroes its frame). */
void frames_forget_zeroed(void);
/* Records made now, as far as there are frames, so that the free list holds at least free_frames:
 * faultbench keeps the one-time cost of making them out of the faults it counts. */
void frames_make_records(uint32_t free_frames);
/* Back to the free list; the caller has already dealt with the frame's PTE and slot. */
void frame_release(uint32_t pfn);

#endif
