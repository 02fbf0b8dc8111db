#include "host/pool_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "mm/pool_pages.h"
#include "host/page_arena.h"

/* Address space only: pages cost memory once touched. 16 GiB, so that the same library runs under
 * valgrind (the benchmark's callgrind counts), which cannot reserve 64 GiB. */
#define HOST_ARENA_BYTES (16ull << 30)
#define HOST_RELEASE_MIN_PAGES 16      /* give long runs' memory back to the OS on free */

static struct page_arena arena;

static void *map_reserved(size_t bytes)
{
    void *p = mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        perror("pagoda pool: mmap of the page arena");
        abort();
    }
    return p;
}

void *pool_pages_alloc(size_t npages, bool pageable)
{
    (void)pageable;
    if (!arena.base) {
        uintptr_t base = (uintptr_t)map_reserved(HOST_ARENA_BYTES);
        page_arena_init(&arena, base, base + HOST_ARENA_BYTES, map_reserved(HOST_ARENA_BYTES / PAGE_ARENA_PAGE));
    }
    return page_arena_alloc(&arena, npages);
}

void pool_pages_free(void *pages, size_t npages)
{
    if (npages >= HOST_RELEASE_MIN_PAGES)
        madvise(pages, npages * PAGE_ARENA_PAGE, MADV_DONTNEED);
    page_arena_free(&arena, pages, npages);
}

uint8_t *pool_pages_owner(const void *p)
{
    return page_arena_owner(&arena, p);
}

void pool_host_set_page_limit(size_t pages)
{
    arena.page_limit = pages;
}

size_t pool_host_pages_in_use(void)
{
    return arena.pages_in_use;
}
