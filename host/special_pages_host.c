/* The special pool's pages on the host: page pairs in one mmap'ed range, each pair's second page
 * never accessible, the first made accessible while in use (mprotect), so an overrun or a use after
 * free is a SIGSEGV where the kernel has 0xCD / 0xCC. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "mm/special_pages.h"

#define HOST_SPECIAL_PAIRS 4096u
#define HOST_PAGE 4096u

static char *base;
static uint32_t free_pairs[HOST_SPECIAL_PAIRS]; /* a stack of pair numbers */
static unsigned nfree;
static uint8_t pair_state[HOST_SPECIAL_PAIRS]; /* enum special_page_state */

static void reserve(void)
{
    base = mmap(0, HOST_SPECIAL_PAIRS * 2 * HOST_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) {
        perror("pagoda special pool: mmap");
        abort();
    }
    for (unsigned i = 0; i < HOST_SPECIAL_PAIRS; i++)
        free_pairs[nfree++] = HOST_SPECIAL_PAIRS - 1 - i;
}

void *special_pages_alloc(bool pageable)
{
    if (!base)
        reserve();
    if (!nfree)
        return 0;
    uint32_t pair = free_pairs[--nfree];
    pair_state[pair] = pageable ? SPECIAL_PAGE_PAGEABLE : SPECIAL_PAGE_RESIDENT;
    char *page = base + pair * 2 * HOST_PAGE;
    mprotect(page, HOST_PAGE, PROT_READ | PROT_WRITE);
    return page;
}

/* The page keeps its memory while retired (at most HOST_SPECIAL_PAIRS pages in all): one call less. */
static uint32_t pair_of(const void *p)
{
    return (uint32_t)(((const char *)p - base) / (2 * HOST_PAGE));
}

void special_pages_retire(void *page)
{
    mprotect(page, HOST_PAGE, PROT_NONE);
    pair_state[pair_of(page)] = SPECIAL_PAGE_RETIRED;
}

void special_pages_free(void *page)
{
    pair_state[pair_of(page)] = SPECIAL_PAGE_FREE;
    free_pairs[nfree++] = pair_of(page);
}

bool special_pages_contains(const void *p)
{
    return base && (uintptr_t)((const char *)p - base) < HOST_SPECIAL_PAIRS * 2 * HOST_PAGE;
}

void *special_pages_next(const void *after)
{
    if (!base)
        return 0;
    for (uint32_t i = after ? pair_of(after) + 1 : 0; i < HOST_SPECIAL_PAIRS; i++)
        if (pair_state[i] == SPECIAL_PAGE_RESIDENT || pair_state[i] == SPECIAL_PAGE_PAGEABLE)
            return base + i * 2 * HOST_PAGE;
    return 0;
}

enum special_page_state special_pages_state(const void *p)
{
    bool guard = ((const char *)p - base) & HOST_PAGE;
    return guard ? SPECIAL_PAGE_FREE : (enum special_page_state)pair_state[pair_of(p)];
}
