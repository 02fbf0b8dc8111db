#include "mm/frames.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/hyperspace.h"
#include "mm/page_table.h"

/* The database's records are made in steps of this many frames, when frames are first needed (at
 * boot, only those the boot itself took): boot time stays flat in memory size, as with Linux's deferred
 * struct page initialisation. The records' pages are all mapped at boot; that is cheap. */
#define FRAMES_GROW 1024

struct pfn_db frames_database;
uint32_t frames_deferred;
static const struct physmem *ram;
static uint32_t db_end; /* one past the last frame the database will cover */
static unsigned bump_run;
static uint32_t bump_next; /* frames handed out at boot are the first ones of the runs, in order */

static uint32_t boot_frame(void)
{
    while (bump_run < ram->run_count && bump_next >= ram->runs[bump_run].first + ram->runs[bump_run].count)
        if (++bump_run < ram->run_count)
            bump_next = ram->runs[bump_run].first;
    if (bump_run == ram->run_count)
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, 0, ram->frames_total, 0, 0);
    return bump_next++;
}

static bool taken_at_boot(unsigned run, uint32_t frame)
{
    return run < bump_run || (run == bump_run && frame < bump_next);
}

/* Records for up to FRAMES_GROW more frames: the usable ones free (or kernel, if the boot took them),
 * the rest absent. False when the database covers every frame already. */
static bool grow(void)
{
    struct pfn_db *db = frames_db();
    uint32_t lo = db->first + db->count, hi = db_end - lo > FRAMES_GROW ? lo + FRAMES_GROW : db_end;
    if (lo == db_end)
        return false;
    pfn_db_extend(db, hi - db->first);
    for (unsigned r = 0; r < ram->run_count; r++) {
        const struct frame_run *run = &ram->runs[r];
        uint32_t from = run->first > lo ? run->first : lo, to = run->first + run->count < hi ? run->first + run->count : hi;
        for (uint32_t f = from; f < to; f++) {
            bool kernel = taken_at_boot(r, f);
            pfn_move(db, f, kernel ? PFN_KERNEL : PFN_FREE);
            frames_deferred -= !kernel;
        }
    }
    return true;
}

void frames_init(const struct physmem *pm)
{
    ram = pm;
    bump_run = 0;
    bump_next = pm->runs[0].first;
    page_table_set_frame_source(boot_frame, 0); /* nothing is freed at boot */

    const struct frame_run *last = &pm->runs[pm->run_count - 1];
    uint32_t first = pm->runs[0].first, count = last->first + last->count - first;
    uint32_t bytes = count * sizeof(struct pfn_entry);
    if (bytes > PFN_DATABASE_END - PFN_DATABASE_START) /* cannot happen below 4 GiB: the range holds 2M frames */
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, 0x4000, count, 0, 0);
    for (uint32_t off = 0; off < bytes; off += PAGE_SIZE) {
        uint32_t va = PFN_DATABASE_START + off;
        page_table_ensure(va);
        pte_store(va, pte_make_valid(boot_frame(), PTE_WRITE | PTE_GLOBAL));
    }
    pfn_db_init(frames_db(), (struct pfn_entry *)PFN_DATABASE_START, first, 0);
    db_end = first + count;
    uint32_t taken = 0;
    for (unsigned r = 0; r < pm->run_count; r++)
        for (uint32_t f = pm->runs[r].first; f < pm->runs[r].first + pm->runs[r].count && taken_at_boot(r, f); f++)
            taken++;
    frames_deferred = pm->frames_total - taken;
    while (frames_db()->in_state[PFN_KERNEL] < taken)
        grow();
}

/* The head of a list; an empty free list first takes in deferred frames. */
static inline uint32_t take_head(enum pfn_state list, enum pfn_state state)
{
    uint32_t pfn = pfn_take_head(frames_db(), list, state);
    if (pfn == PFN_NONE && list == PFN_FREE && grow())
        pfn = pfn_take_head(frames_db(), list, state);
    return pfn;
}

/* A standby frame's page keeps its copy in the paging file: its PTE now names the slot. */
static uint32_t take_standby(enum pfn_state state)
{
    uint32_t pfn = pfn_take_head(frames_db(), PFN_STANDBY, state);
    if (pfn != PFN_NONE) {
        struct pfn_entry *e = pfn_entry(frames_db(), pfn);
        *(volatile uint32_t *)e->pte_va = pte_make_software(PTE_KIND_PAGEFILE, e->slot);
    }
    return pfn;
}

void frames_drop_standby(void)
{
    uint32_t pfn;
    while ((pfn = take_standby(PFN_FREE)) != PFN_NONE)
        frame_release(pfn);
}

uint32_t frame_take_slow(enum pfn_state state, bool zero)
{
    /* The free list: after the zeroed one, or (a request for a free frame found it empty) once take_head
     * has taken in deferred frames. Then the zeroed frames, kept for last from a request not for one. */
    uint32_t pfn = take_head(PFN_FREE, state);
    if (pfn == PFN_NONE && !zero)
        pfn = take_head(PFN_ZEROED, state);
    if (pfn == PFN_NONE)
        pfn = take_standby(state);
    if (pfn == PFN_NONE)
        return PFN_NONE;
    frame_disown(pfn_linked(frames_db(), pfn));
    if (zero)
        hyperspace_zero_frame(pfn);
    return pfn;
}

bool frames_zero_one(void)
{
    /* Zeroed where it lies, then moved: no count ever shows it in between (the lock keeps takers off). */
    uint32_t pfn = frames_db()->lists[PFN_FREE].head;
    if (pfn == PFN_NONE && grow())
        pfn = frames_db()->lists[PFN_FREE].head;
    if (pfn != PFN_NONE) {
        hyperspace_zero_frame(pfn);
        pfn_move(frames_db(), pfn, PFN_ZEROED);
    }
    return pfn != PFN_NONE;
}

void frames_forget_zeroed(void)
{
    while (pfn_take_head(frames_db(), PFN_ZEROED, PFN_FREE) != PFN_NONE)
        ;
}

void frames_make_records(uint32_t free_frames)
{
    while (frames_db()->in_state[PFN_FREE] < free_frames && grow())
        ;
}

void frame_release(uint32_t pfn)
{
    frame_disown(pfn_entry(frames_db(), pfn));
    pfn_move(frames_db(), pfn, PFN_FREE);
}
