#include "mm.h"

#include "boot_paging.h"

static struct physmem frames;

void mm_init(const struct phys_range *map, unsigned count, uint32_t mem_mib)
{
    physmem_build(&frames, map, count, boot_paging_kernel_end_phys(), mem_mib * (1024 * 1024 / PAGE_SIZE));
}

const struct physmem *mm_physmem(void)
{
    return &frames;
}
