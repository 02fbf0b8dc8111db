#include "mm/frames.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/hyperspace.h"
#include "mm/page_table.h"

/* The database's records are made in steps of this many frames, when frames are first needed (at
 * boot, only those the boot itself took), and the pages that hold them mapped as they are: boot time
 * stays flat in memory size, as with Linux's deferred struct page initialisation. */
#define FRAMES_GROW 1024

struct pfn_db frames_database;
uint32_t frames_deferred, frames_reserved;
static const struct physmem *ram;
static uint32_t db_end;    /* one past the last frame the database will cover */
static uint32_t db_mapped; /* bytes of records whose pages are mapped */

/* A place in the runs of usable frames, taken from in order. */
struct cursor {
    unsigned run;
    uint32_t next;
};
/* Frames handed out at boot are the first ones of the runs, in order (`bump`); the database's pages
 * have the last ones set aside (from `reserve` on, taken by `pages` as grow maps them), so that the
 * frames after the boot's are free from the first step on. */
static struct cursor bump, reserve, pages;

static uint32_t cursor_take(struct cursor *c)
{
    while (c->run < ram->run_count && c->next >= ram->runs[c->run].first + ram->runs[c->run].count)
        if (++c->run < ram->run_count)
            c->next = ram->runs[c->run].first;
    if (c->run == ram->run_count)
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, 0, ram->frames_total, 0, 0);
    return c->next++;
}

static uint32_t boot_frame(void)
{
    return cursor_take(&bump);
}

static bool before(unsigned run, uint32_t frame, const struct cursor *c)
{
    return run < c->run || (run == c->run && frame < c->next);
}

/* The database's pages up to its byte end, each on the next frame set aside for them. */
static void map_records(uint32_t end)
{
    for (; db_mapped < end; db_mapped += PAGE_SIZE)
        pte_store(PFN_DATABASE_START + db_mapped, pte_make_valid(cursor_take(&pages), PTE_WRITE | PTE_GLOBAL));
}

/* Records for up to FRAMES_GROW more frames, their pages mapped first: the usable ones free (or kernel,
 * if the boot took them or they are set aside), the rest absent. False when the database covers every
 * frame already. */
static bool grow(void)
{
    struct pfn_db *db = frames_db();
    uint32_t lo = db->first + db->count, hi = db_end - lo > FRAMES_GROW ? lo + FRAMES_GROW : db_end;
    if (lo == db_end)
        return false;
    map_records((hi - db->first) * sizeof(struct pfn_entry));
    pfn_db_extend(db, hi - db->first);
    for (unsigned r = 0; r < ram->run_count; r++) {
        const struct frame_run *run = &ram->runs[r];
        uint32_t from = run->first > lo ? run->first : lo, to = run->first + run->count < hi ? run->first + run->count : hi;
        for (uint32_t f = from; f < to; f++) {
            bool reserved = !before(r, f, &reserve), kernel = reserved || before(r, f, &bump);
            pfn_move(db, f, kernel ? PFN_KERNEL : PFN_FREE);
            frames_deferred -= !kernel;
            frames_reserved -= reserved;
        }
    }
    return true;
}

void frames_init(const struct physmem *pm)
{
    ram = pm;
    bump = (struct cursor){ 0, pm->runs[0].first };
    page_table_set_frame_source(boot_frame, 0); /* nothing is freed at boot */

    const struct frame_run *last = &pm->runs[pm->run_count - 1];
    uint32_t first = pm->runs[0].first, count = last->first + last->count - first;
    uint32_t bytes = count * sizeof(struct pfn_entry), db_pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
    if (bytes > PFN_DATABASE_END - PFN_DATABASE_START) /* cannot happen below 4 GiB: the range holds 2M frames */
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, 0x4000, count, 0, 0);
    /* The page tables now (growing must not need frames from the lists it fills), the pages later. */
    for (uint32_t off = 0; off < bytes; off += 0x400000)
        page_table_ensure(PFN_DATABASE_START + off);
    unsigned run = pm->run_count;
    for (uint32_t left = db_pages; left;) { /* the last db_pages frames set aside */
        if (run == 0)
            KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, 0, pm->frames_total, 0, 0);
        const struct frame_run *from = &pm->runs[--run];
        uint32_t n = from->count < left ? from->count : left;
        reserve = (struct cursor){ run, from->first + from->count - n };
        left -= n;
    }
    if (before(reserve.run, reserve.next, &bump)) /* a machine too small for its own records */
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, 0, pm->frames_total, 0, 0);
    pages = reserve;
    pfn_db_init(frames_db(), (struct pfn_entry *)PFN_DATABASE_START, first, 0);
    db_end = first + count;
    db_mapped = 0;
    uint32_t taken = bump.next - pm->runs[bump.run].first;
    for (unsigned r = 0; r < bump.run; r++)
        taken += pm->runs[r].count;
    frames_deferred = pm->frames_total - taken - db_pages;
    frames_reserved = db_pages;
    while (first + frames_db()->count < bump.next && grow()) /* records for the frames the boot took */
        ;
}

/* The head of a list; an empty free list first takes in deferred frames (a step may hold none: the
 * frames set aside for the database's pages). */
static inline uint32_t take_head(enum pfn_state list, enum pfn_state state)
{
    uint32_t pfn = pfn_take_head(frames_db(), list, state);
    while (pfn == PFN_NONE && list == PFN_FREE && grow())
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
    while (pfn == PFN_NONE && grow())
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
