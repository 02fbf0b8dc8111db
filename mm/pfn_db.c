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
        db->entries[i] = (struct pfn_entry){ PFN_NONE, PFN_NONE, 0, PFN_NO_SLOT, 0, PFN_ABSENT };
    db->in_state[PFN_ABSENT] += count - db->count;
    db->count = count;
}

/* A linked frame's record: links name frames of the database only, so no range check. */
static inline struct pfn_entry *linked(struct pfn_db *db, uint32_t pfn)
{
    return &db->entries[pfn - db->first];
}

static void unlink(struct pfn_db *db, struct pfn_entry *e)
{
    struct pfn_list *l = &db->lists[e->state];
    if (e->prev == PFN_NONE)
        l->head = e->next;
    else
        linked(db, e->prev)->next = e->next;
    if (e->next == PFN_NONE)
        l->tail = e->prev;
    else
        linked(db, e->next)->prev = e->prev;
    e->next = e->prev = PFN_NONE;
}

static void link_tail(struct pfn_db *db, uint32_t pfn, struct pfn_entry *e, enum pfn_state list)
{
    struct pfn_list *l = &db->lists[list];
    e->next = PFN_NONE;
    e->prev = l->tail;
    if (l->tail == PFN_NONE)
        l->head = pfn;
    else
        linked(db, l->tail)->next = pfn;
    l->tail = pfn;
}

void pfn_move(struct pfn_db *db, uint32_t pfn, enum pfn_state state)
{
    struct pfn_entry *e = linked(db, pfn);
    if (e->state < PFN_LIST_COUNT)
        unlink(db, e);
    db->in_state[e->state]--;
    if (state < PFN_LIST_COUNT)
        link_tail(db, pfn, e, state);
    e->state = state;
    db->in_state[state]++;
}

const char *pfn_state_name(enum pfn_state state)
{
    static const char *const names[PFN_STATE_COUNT] = { "free", "zeroed", "standby", "modified",
                                                         "active", "kernel", "absent" };
    return state < PFN_STATE_COUNT ? names[state] : "invalid";
}
