#include "pool_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "../mm/page_arena.h"
#include "../mm/pool_pages.h"

#define HOST_ARENA_BYTES (64ull << 30) /* address space only: pages cost memory once touched */
#define HOST_RELEASE_MIN_PAGES 16      /* give long runs' memory back to the OS on free */

static struct page_arena arena;

static void arena_ready(void)
{
    if (arena.base)
        return;
    void *p = mmap(0, HOST_ARENA_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        perror("pagoda pool: mmap of the page arena");
        abort();
    }
    page_arena_init(&arena, (uintptr_t)p, (uintptr_t)p + HOST_ARENA_BYTES);
}

static void *host_alloc(size_t npages, bool pageable)
{
    (void)pageable;
    arena_ready();
    return page_arena_alloc(&arena, npages);
}

static void host_free(void *pages, size_t npages)
{
    if (npages >= HOST_RELEASE_MIN_PAGES)
        madvise(pages, npages * PAGE_ARENA_PAGE, MADV_DONTNEED);
    page_arena_free(&arena, pages, npages);
}

static bool host_contains(const void *p)
{
    return page_arena_contains(&arena, p);
}

const struct pool_pages_ops pool_pages = { host_alloc, host_free, host_contains };

void pool_host_set_page_limit(size_t pages)
{
    arena.page_limit = pages;
}

size_t pool_host_pages_in_use(void)
{
    return arena.pages_in_use;
}
