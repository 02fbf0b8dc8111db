/* A simple page allocator over one contiguous address range: freed runs of up to PAGE_ARENA_CLASSES
 * pages are kept per length and reused first (one page is the common case), longer runs go to a
 * first-fit list, the rest comes from a bump pointer. The host's page provider for the pool
 * (pool_host.c) is this over an mmap'ed range; in the kernel the memory manager provides the pages. */
#ifndef PAGODA_PAGE_ARENA_H
#define PAGODA_PAGE_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_ARENA_PAGE 4096u
#define PAGE_ARENA_CLASSES 16

struct page_arena_run; /* a free run, described in its own first bytes */

struct page_arena {
    uintptr_t base, limit, bump;
    uintptr_t bytes; /* limit - base */
    uint8_t *owners; /* one byte per page of [base, limit), for the pool (pool_pages_owner) */
    struct page_arena_run *runs[PAGE_ARENA_CLASSES + 1]; /* [n]: free runs of exactly n pages */
    struct page_arena_run *long_runs;                    /* longer free runs */
    size_t pages_in_use;
    size_t page_limit; /* 0: only the range limits it (tests lower it to simulate exhaustion) */
};

void page_arena_init(struct page_arena *a, uintptr_t base, uintptr_t limit, uint8_t *owners);
void *page_arena_alloc(struct page_arena *a, size_t npages);
void page_arena_free(struct page_arena *a, void *pages, size_t npages);
/* The owner byte of p's page, or NULL if p lies outside [base, limit): like the kernel's, a page not
 * handed out has its byte too (0). (On every free: the byte found is never NULL, which the compiler is
 * told, so that a caller's test for NULL folds into the range test.) */
static inline uint8_t *page_arena_owner(const struct page_arena *a, const void *p)
{
    uintptr_t at = (uintptr_t)p - a->base;
    if (at >= a->bytes)
        return 0;
    uint8_t *owner = &a->owners[at / PAGE_ARENA_PAGE];
    if (!owner) /* bytes is 0 until the arena has its owner bytes */
        __builtin_unreachable();
    return owner;
}

#endif
