#include "mm/physmem.h"

static uint64_t align_up(uint64_t v)
{
    return (v + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
}

static uint64_t align_down(uint64_t v)
{
    return v & ~(uint64_t)(PAGE_SIZE - 1);
}

static void sort_runs(struct physmem *pm)
{
    for (unsigned i = 1; i < pm->run_count; i++)
        for (unsigned j = i; j > 0 && pm->runs[j - 1].first > pm->runs[j].first; j--) {
            struct frame_run t = pm->runs[j];
            pm->runs[j] = pm->runs[j - 1];
            pm->runs[j - 1] = t;
        }
}

/* Merges runs that touch or overlap (some firmware reports overlapping ranges: a frame must not be
 * counted twice), then cuts the total to max_frames, keeping the lowest frames. */
static void merge_and_cap(struct physmem *pm, uint32_t max_frames)
{
    unsigned out = 0;
    for (unsigned i = 0; i < pm->run_count; i++) {
        struct frame_run r = pm->runs[i];
        struct frame_run *last = out ? &pm->runs[out - 1] : 0;
        if (last && r.first <= last->first + last->count) {
            uint32_t end = r.first + r.count;
            if (end > last->first + last->count)
                last->count = end - last->first;
        } else {
            pm->runs[out++] = r;
        }
    }
    pm->run_count = out;
    pm->frames_total = 0;
    for (unsigned i = 0; i < pm->run_count; i++) {
        struct frame_run *r = &pm->runs[i];
        if (max_frames && pm->frames_total + r->count >= max_frames) {
            r->count = max_frames - pm->frames_total;
            pm->frames_total = max_frames;
            pm->run_count = r->count ? i + 1 : i;
            return;
        }
        pm->frames_total += r->count;
    }
}

void physmem_build(struct physmem *pm, const struct phys_range *map, unsigned count, uint64_t lowest_phys,
                   uint32_t max_frames)
{
    pm->run_count = 0;
    for (unsigned i = 0; i < count && pm->run_count < PHYS_RANGES_MAX; i++) {
        if (map[i].type != PHYS_TYPE_USABLE)
            continue;
        uint64_t start = align_up(map[i].base > lowest_phys ? map[i].base : lowest_phys);
        uint64_t end = map[i].base + map[i].length;
        if (end < map[i].base || end > PHYS_LIMIT) /* wrapped, or beyond 4 GiB */
            end = PHYS_LIMIT;
        end = align_down(end);
        if (start < end)
            pm->runs[pm->run_count++] =
                (struct frame_run){ (uint32_t)(start / PAGE_SIZE), (uint32_t)((end - start) / PAGE_SIZE) };
    }
    sort_runs(pm);
    merge_and_cap(pm, max_frames);
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

void physmem_split(struct physmem *ram, struct frame_run *reserved, const struct phys_range *map, unsigned count,
                   uint64_t lowest_phys, uint32_t max_frames, uint32_t reserve_frames, uint32_t min_ram_frames)
{
    physmem_build(ram, map, count, lowest_phys, 0);
    uint32_t total = ram->frames_total;
    uint32_t spare;
    if (max_frames && max_frames < total)
        spare = total - max_frames;
    else
        spare = total > min_ram_frames ? total - min_ram_frames : 0;
    struct frame_run top = ram->run_count ? ram->runs[ram->run_count - 1] : (struct frame_run){ 0, 0 };
    uint32_t take = min_u32(min_u32(reserve_frames, spare), top.count);
    *reserved = (struct frame_run){ top.first + top.count - take, take };
    /* RAM keeps the lowest frames, the reservation is the highest: they cannot overlap. */
    uint32_t cap = max_frames ? min_u32(max_frames, total - take) : total - take;
    physmem_build(ram, map, count, lowest_phys, cap);
}

unsigned phys_map_exclude(struct phys_range *map, unsigned count, unsigned max, uint64_t base, uint64_t length)
{
    uint64_t lo = align_down(base), hi = align_up(base + length);
    for (unsigned i = 0; i < count; i++) {
        struct phys_range *r = &map[i];
        uint64_t end = r->base + r->length;
        if (r->type != PHYS_TYPE_USABLE || end <= lo || r->base >= hi)
            continue;
        if (r->base < lo && end > hi && count < max) /* the part above the hole gets an entry of its own */
            map[count++] = (struct phys_range){ hi, end - hi, PHYS_TYPE_USABLE };
        if (r->base < lo) {
            r->length = lo - r->base;
        } else if (end > hi) {
            r->length = end - hi;
            r->base = hi;
        } else {
            r->length = 0;
        }
    }
    return count;
}
