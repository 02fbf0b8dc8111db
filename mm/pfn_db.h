/* The PFN database: one record per physical frame, and the NT lists the frames move between.
 * Pure bookkeeping on an array the caller provides, so the host tests run it too. */
#ifndef PAGODA_MM_PFN_DB_H
#define PAGODA_MM_PFN_DB_H

#include <stdint.h>

#define PFN_NONE 0xFFFFFFFFu
#define PFN_NO_SLOT 0xFFFFFFFFu

/* The first four states are lists; the others are not linked anywhere. */
enum pfn_state {
    PFN_FREE,
    PFN_ZEROED,
    PFN_STANDBY,
    PFN_MODIFIED,
    PFN_ACTIVE, /* maps a pageable page: in the system working set */
    PFN_KERNEL, /* page tables, the PFN database, nonpaged pool: never leaves memory */
    PFN_ABSENT, /* a hole between usable ranges, or not RAM at all */
    PFN_LOCKED, /* maps a pageable page locked resident (MmProbeAndLockPages, a locked image section) */
    PFN_STATE_COUNT
};
#define PFN_LIST_COUNT 4

struct pfn_entry {
    uint32_t next, prev; /* links of the list the frame is on */
    uint32_t pte_va;     /* the PTE that maps the frame (or points at it in transition), 0 if none */
    uint32_t slot;       /* the paging-file slot with a copy of the page, PFN_NO_SLOT if none */
    union {
        uint32_t ws_handle; /* active: the frame's place in the working set */
        uint32_t locks;     /* locked: how many locks hold it resident */
        uint32_t run;       /* kernel: the pages of the contiguous allocation that starts here, else 0 */
    };
    uint32_t state;
};

struct pfn_list {
    uint32_t head, tail;
};

struct pfn_db {
    struct pfn_entry *entries; /* entries[i] describes frame first + i */
    uint32_t first, count;
    struct pfn_list lists[PFN_LIST_COUNT];
    uint32_t in_state[PFN_STATE_COUNT];
};

/* Every frame starts PFN_ABSENT. */
void pfn_db_init(struct pfn_db *db, struct pfn_entry *entries, uint32_t first, uint32_t count);
/* Records for the frames from the database's end up to first + count (entries must have room), each
 * PFN_ABSENT. */
void pfn_db_extend(struct pfn_db *db, uint32_t count);
/* NULL for a frame outside the database. Inline: every fault asks it a few times. */
static inline struct pfn_entry *pfn_entry(struct pfn_db *db, uint32_t pfn)
{
    return pfn - db->first < db->count ? &db->entries[pfn - db->first] : 0;
}

/* A linked frame's record: links name frames of the database only, so no range check. */
static inline struct pfn_entry *pfn_linked(struct pfn_db *db, uint32_t pfn)
{
    return &db->entries[pfn - db->first];
}

static inline void pfn_unlink(struct pfn_db *db, struct pfn_entry *e, enum pfn_state list)
{
    struct pfn_list *l = &db->lists[list];
    if (e->prev == PFN_NONE)
        l->head = e->next;
    else
        pfn_linked(db, e->prev)->next = e->next;
    if (e->next == PFN_NONE)
        l->tail = e->prev;
    else
        pfn_linked(db, e->next)->prev = e->prev;
    e->next = e->prev = PFN_NONE;
}

static inline void pfn_link_tail(struct pfn_db *db, uint32_t pfn, struct pfn_entry *e, enum pfn_state list)
{
    struct pfn_list *l = &db->lists[list];
    e->next = PFN_NONE;
    e->prev = l->tail;
    if (l->tail == PFN_NONE)
        l->head = pfn;
    else
        pfn_linked(db, l->tail)->next = pfn;
    l->tail = pfn;
}

/* pfn_move's work with both states given: inline where they are constants, the branches fold away. */
static inline void pfn_move_from(struct pfn_db *db, uint32_t pfn, struct pfn_entry *e, enum pfn_state from,
                                 enum pfn_state to)
{
    if (from < PFN_LIST_COUNT)
        pfn_unlink(db, e, from);
    db->in_state[from]--;
    if (to < PFN_LIST_COUNT)
        pfn_link_tail(db, pfn, e, to);
    e->state = to;
    db->in_state[to]++;
}

/* Moves a frame to a state: off its list if it is on one, onto the tail of the new one if that is a
 * list (so a list's head is its oldest frame). */
void pfn_move(struct pfn_db *db, uint32_t pfn, enum pfn_state state);
/* The oldest frame of a list moved to a new state, or PFN_NONE if the list is empty. Inline: each
 * fault takes its frame here. */
static inline uint32_t pfn_take_head(struct pfn_db *db, enum pfn_state list, enum pfn_state state)
{
    uint32_t pfn = db->lists[list].head;
    if (pfn != PFN_NONE)
        pfn_move_from(db, pfn, pfn_linked(db, pfn), list, state);
    return pfn;
}
const char *pfn_state_name(enum pfn_state state);

#endif
