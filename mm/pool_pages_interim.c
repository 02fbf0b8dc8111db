/* INTERIM page provider for the pool, to be replaced by the memory manager's page API when it is
 * merged: frames of the low 16 MiB that the boot page tables already map (at KERNEL_VBASE + phys),
 * from the end of the kernel image up. Nothing here pages: paged pool gets resident pages too. */
#include "boot_paging.h"
#include "page_arena.h"
#include "pool_pages.h"

#define BOOT_MAPPED_LIMIT_PHYS 0x01000000u

static struct page_arena arena;
static uint8_t owners[BOOT_MAPPED_LIMIT_PHYS / PAGE_ARENA_PAGE];

void *pool_pages_alloc(size_t npages, bool pageable)
{
    (void)pageable;
    if (!arena.base)
        page_arena_init(&arena, KERNEL_VBASE + boot_paging_kernel_end_phys(), KERNEL_VBASE + BOOT_MAPPED_LIMIT_PHYS,
                        owners);
    return page_arena_alloc(&arena, npages);
}

void pool_pages_free(void *pages, size_t npages)
{
    page_arena_free(&arena, pages, npages);
}

uint8_t *pool_pages_owner(const void *p)
{
    return page_arena_owner(&arena, p);
}
