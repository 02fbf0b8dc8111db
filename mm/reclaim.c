#include "mm/reclaim.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/pager.h"
#include "mm/resident.h"
#include "mm/working_set.h"

uint32_t reclaim_write_modified(uint32_t max, bool exhaustive)
{
    struct pfn_db *db = frames_db();
    uint32_t done = 0, tries = db->in_state[PFN_MODIFIED];
    if (!exhaustive && tries > RECLAIM_TRIES_PER_WRITE * max)
        tries = RECLAIM_TRIES_PER_WRITE * max;
    /* Oldest first. With the paging file full, a page without a slot cannot go: it moves to the back
     * (it is what the commit limit keeps a frame for), so pages with a slot come up front. */
    for (uint32_t pfn = db->lists[PFN_MODIFIED].head; pfn != PFN_NONE && done < max && tries--;) {
        uint32_t next = pfn_entry(db, pfn)->next;
        if (pager_write_frame(pfn)) {
            pfn_move(db, pfn, PFN_STANDBY);
            done++;
        } else {
            pfn_move(db, pfn, PFN_MODIFIED);
        }
        pfn = next;
    }
    return done;
}

uint32_t reclaim_frame_slow(enum pfn_state state, bool zero)
{
    for (;;) {
        if (!reclaim_write_modified(RECLAIM_BATCH, false) && !ws_trim(RECLAIM_BATCH) &&
            !reclaim_write_modified(RECLAIM_BATCH, true))
            return PFN_NONE;
        uint32_t pfn = frame_take(state, zero);
        if (pfn != PFN_NONE)
            return pfn;
    }
}

void reclaim_balance_slow(void)
{
    const uint32_t *n = frames_db()->in_state;
    bool low = reclaim_frames_available() < RECLAIM_LOW_WATER;
    uint32_t above_minimum = ws_count() > WS_MINIMUM ? ws_count() - WS_MINIMUM : 0;
    if (low)
        ws_trim(above_minimum < RECLAIM_BATCH ? above_minimum : RECLAIM_BATCH);
    if (n[PFN_MODIFIED] >= RECLAIM_BATCH && (low || n[PFN_MODIFIED] > (n[PFN_ACTIVE] + n[PFN_FREE] + n[PFN_ZEROED] + frames_deferred) / 8))
        reclaim_write_modified(RECLAIM_BATCH, false);
}

void reclaim_everything(void)
{
    ws_trim(ws_count());
    while (reclaim_write_modified(RECLAIM_BATCH, true))
        ;
    frames_drop_standby();
}

void reclaim_no_pages_available(void)
{
    uint32_t dirty = frames_db()->in_state[PFN_MODIFIED];
    KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, dirty, pagefile_total(pager_pagefile()) ? dirty : 0,
                 resident_available(), pager_last_write_status());
}
