#include "mm/physmem.h"
#include "tests/host/unit.h"

static struct physmem pm;

/* What QEMU's BIOS reports with -m 128. */
static const struct phys_range qemu_128m[] = {
    { 0x0, 0x9FC00, 1 },
    { 0x9FC00, 0x400, 2 },
    { 0xF0000, 0x10000, 2 },
    { 0x100000, 0x7EE0000, 1 },
    { 0x7FE0000, 0x20000, 2 },
    { 0xFFFC0000, 0x40000, 2 },
};

TEST(physmem_counts_usable_frames_above_the_kernel)
{
    physmem_build(&pm, qemu_128m, 6, 0x200000, 0);
    CHECK(pm.run_count == 1);
    CHECK(pm.runs[0].first == 0x200);
    CHECK(pm.frames_total == (0x7FE0000 - 0x200000) / PAGE_SIZE);
}

TEST(physmem_cap_keeps_the_lowest_frames)
{
    physmem_build(&pm, qemu_128m, 6, 0x200000, 4096);
    CHECK(pm.frames_total == 4096);
    CHECK(pm.run_count == 1 && pm.runs[0].first == 0x200 && pm.runs[0].count == 4096);
}

TEST(physmem_cap_across_runs)
{
    const struct phys_range map[] = { { 0x3000000, 0x10000, 1 }, { 0x1000000, 0x3000, 1 } };
    physmem_build(&pm, map, 2, 0, 5);
    CHECK(pm.frames_total == 5 && pm.run_count == 2);
    CHECK(pm.runs[0].first == 0x1000 && pm.runs[0].count == 3);
    CHECK(pm.runs[1].first == 0x3000 && pm.runs[1].count == 2);
}

TEST(physmem_overlaps_counted_once_and_partial_pages_dropped)
{
    const struct phys_range map[] = {
        { 0x100800, 0x3000, 1 },  /* frames 0x101..0x102 whole */
        { 0x102000, 0x4000, 1 },  /* overlaps: up to 0x105 */
        { 0x200000, 0x800, 1 },   /* less than a page */
    };
    physmem_build(&pm, map, 3, 0, 0);
    CHECK(pm.run_count == 1);
    CHECK(pm.runs[0].first == 0x101 && pm.runs[0].count == 5);
    CHECK(pm.frames_total == 5);
}

TEST(physmem_ignores_memory_above_4g)
{
    const struct phys_range map[] = { { 0x100000000ull, 0x40000000, 1 }, { 0xFFFFF000, 0x2000, 1 } };
    physmem_build(&pm, map, 2, 0, 0);
    CHECK(pm.frames_total == 1 && pm.runs[0].first == 0xFFFFF);
}

TEST(physmem_split_puts_the_pagefile_above_capped_ram)
{
    struct frame_run pf;
    physmem_split(&pm, &pf, qemu_128m, 6, 0x200000, 4096, 12288, 1024);
    CHECK(pm.frames_total == 4096 && pm.runs[0].first == 0x200);
    CHECK(pf.count == 12288 && pf.first + pf.count == 0x7FE0);
    CHECK(pf.first >= pm.runs[0].first + pm.runs[0].count);
}

TEST(physmem_split_shrinks_the_pagefile_to_what_is_left)
{
    struct frame_run pf;
    uint32_t total = (0x7FE0000 - 0x200000) / PAGE_SIZE;
    physmem_split(&pm, &pf, qemu_128m, 6, 0x200000, total - 100, 12288, 1024);
    CHECK(pf.count == 100 && pm.frames_total == total - 100);
    physmem_split(&pm, &pf, qemu_128m, 6, 0x200000, 0, 1u << 20, 1024); /* no cap: RAM keeps its minimum */
    CHECK(pf.count == total - 1024 && pm.frames_total == 1024);
    physmem_split(&pm, &pf, qemu_128m, 6, 0x200000, 0, 0, 1024);
    CHECK(pf.count == 0 && pm.frames_total == total);
}

TEST(physmem_boot_modules_are_cut_out_of_the_map)
{
    struct phys_range map[4] = { { 0x100000, 0x7F00000, 1 }, { 0xFFFC0000, 0x40000, 2 } };
    unsigned n = phys_map_exclude(map, 2, 4, 0x300800, 0x1000); /* spans two pages */
    CHECK(n == 3 && map[0].base == 0x100000 && map[0].length == 0x200000);
    CHECK(map[2].base == 0x302000 && map[2].base + map[2].length == 0x8000000);
    physmem_build(&pm, map, n, 0x200000, 0);
    CHECK(pm.frames_total == (0x8000000 - 0x100000) / PAGE_SIZE - 0x100 - 2);
    n = phys_map_exclude(map, n, 4, 0x7FFF000, 0x1000); /* the top page: no new entry */
    CHECK(n == 3 && map[2].base + map[2].length == 0x7FFF000);
}
