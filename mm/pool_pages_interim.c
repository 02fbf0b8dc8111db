/* INTERIM page provider for the pool, to be replaced by the memory manager's page API when it is
 * merged: frames of the low 16 MiB that the boot page tables already map (at KERNEL_VBASE + phys),
 * from the end of the kernel image up. Nothing here pages: paged pool gets resident pages too. */
#include "boot_paging.h"
#include "page_arena.h"
#include "pool_pages.h"

#define BOOT_MAPPED_LIMIT_PHYS 0x01000000u

static struct page_arena arena;

static void *interim_alloc(size_t npages, bool pageable)
{
    (void)pageable;
    if (!arena.base)
        page_arena_init(&arena, KERNEL_VBASE + boot_paging_kernel_end_phys(), KERNEL_VBASE + BOOT_MAPPED_LIMIT_PHYS);
    return page_arena_alloc(&arena, npages);
}

static void interim_free(void *pages, size_t npages)
{
    page_arena_free(&arena, pages, npages);
}

static bool interim_contains(const void *p)
{
    return page_arena_contains(&arena, p);
}

const struct pool_pages_ops pool_pages = { interim_alloc, interim_free, interim_contains };
