/* The frames the memory manager may use: the usable RAM of the loader's memory map above the kernel
 * image, cut to whole pages and capped by mem=. Pure arithmetic, so the host tests run it too. */
#ifndef PAGODA_PHYSMEM_H
#define PAGODA_PHYSMEM_H

#include <stdint.h>

#include "mm/layout.h"

#define PHYS_RANGES_MAX 32
#define PHYS_TYPE_USABLE 1
#define PHYS_LIMIT 0x100000000ull /* no PAE: frames above 4 GiB are out of reach */

struct phys_range {
    uint64_t base;
    uint64_t length;
    uint32_t type;
};

/* A run of usable frames [first, first + count). */
struct frame_run {
    uint32_t first;
    uint32_t count;
};

struct physmem {
    struct frame_run runs[PHYS_RANGES_MAX];
    unsigned run_count;
    uint32_t frames_total;
};

/* Cuts [base, base + length), widened to whole pages, out of the usable ranges of map (count entries,
 * room for max): the frames of a boot module stay out of the memory manager's hands. Returns the new
 * count; when splitting a range finds no room, the range's part above the hole is dropped too. */
unsigned phys_map_exclude(struct phys_range *map, unsigned count, unsigned max, uint64_t base, uint64_t length);
/* Fills pm from the memory map. Frames below lowest_phys (the kernel image and what lies under it)
 * are left out; max_frames == 0 means no cap. */
void physmem_build(struct physmem *pm, const struct phys_range *map, unsigned count, uint64_t lowest_phys,
                   uint32_t max_frames);
/* Splits the usable frames between RAM for the memory manager (the lowest, at most max_frames of them,
 * 0: no cap) and a reservation of up to reserve_frames contiguous frames from the top (the ramdisk of
 * the paging file). The reservation only takes frames RAM does not need: without a cap, RAM keeps at
 * least min_ram_frames. */
void physmem_split(struct physmem *ram, struct frame_run *reserved, const struct phys_range *map, unsigned count,
                   uint64_t lowest_phys, uint32_t max_frames, uint32_t reserve_frames, uint32_t min_ram_frames);

#endif
