#include "mm/pfn_db.h"

void pfn_db_init(struct pfn_db *db, struct pfn_entry *entries, uint32_t first, uint32_t count)
{
    db->entries = entries;
    db->first = first;
    db->count = 0;
    for (unsigned l = 0; l < PFN_LIST_COUNT; l++)
        db->lists[l] = (struct pfn_list){ PFN_NONE, PFN_NONE };
    for (unsigned s = 0; s < PFN_STATE_COUNT; s++)
        db->in_state[s] = 0;
    pfn_db_extend(db, count);
}

void pfn_db_extend(struct pfn_db *db, uint32_t count)
{
    for (uint32_t i = db->count; i < count; i++)
        db->entries[i] = (struct pfn_entry){ .next = PFN_NONE, .prev = PFN_NONE, .slot = PFN_NO_SLOT, .state = PFN_ABSENT };
    db->in_state[PFN_ABSENT] += count - db->count;
    db->count = count;
}

void pfn_move(struct pfn_db *db, uint32_t pfn, enum pfn_state state)
{
    struct pfn_entry *e = pfn_linked(db, pfn);
    pfn_move_from(db, pfn, e, e->state, state);
}

const char *pfn_state_name(enum pfn_state state)
{
    static const char *const names[PFN_STATE_COUNT] = { "free", "zeroed", "standby", "modified",
                                                         "active", "kernel", "absent", "locked" };
    return state < PFN_STATE_COUNT ? names[state] : "invalid";
}
