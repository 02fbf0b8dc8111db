#include "reclaim.h"

#include "frames.h"
#include "pager.h"
#include "working_set.h"

uint32_t reclaim_write_modified(uint32_t max)
{
    struct pfn_db *db = frames_db();
    uint32_t done = 0;
    for (; done < max; done++) {
        uint32_t pfn = db->lists[PFN_MODIFIED].head;
        if (pfn == PFN_NONE || !pager_write_frame(pfn))
            break;
        pfn_move(db, pfn, PFN_STANDBY);
    }
    return done;
}

uint32_t reclaim_frame(enum pfn_state state, bool zero)
{
    for (;;) {
        uint32_t pfn = frame_take(state, zero);
        if (pfn != PFN_NONE)
            return pfn;
        if (!reclaim_write_modified(RECLAIM_BATCH) && !ws_trim(RECLAIM_BATCH))
            return PFN_NONE;
    }
}

static uint32_t frames_available(void)
{
    const uint32_t *n = frames_db()->in_state;
    return n[PFN_FREE] + n[PFN_ZEROED] + n[PFN_STANDBY];
}

void reclaim_balance(void)
{
    const uint32_t *n = frames_db()->in_state;
    bool low = frames_available() < RECLAIM_LOW_WATER;
    if (low)
        ws_trim(RECLAIM_BATCH);
    if (n[PFN_MODIFIED] >= RECLAIM_BATCH && (low || n[PFN_MODIFIED] > (n[PFN_ACTIVE] + n[PFN_FREE]) / 8))
        reclaim_write_modified(RECLAIM_BATCH);
}

void reclaim_everything(void)
{
    ws_trim(ws_count());
    while (reclaim_write_modified(RECLAIM_BATCH))
        ;
    frames_drop_standby();
}
