/* Where the pools get their pages: three calls, so the engine runs on any page source. In the kernel
 * the memory manager provides them (mm/pool_pages.c), and its own tables and the console's `valloc`
 * take pages the same way; on the host, host/pool_host.c hands out pages of an mmap'ed arena. */
#ifndef PAGODA_POOL_PAGES_H
#define PAGODA_POOL_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __i386__ /* the kernel */
#include "mm/layout.h"
#endif

/* The kernel's ranges, at boot (the host's arena sets itself up). */
void pool_pages_init(void);
/* npages contiguous, page-aligned pages, or NULL when there are none. Pageable pages (paged pool) are
 * demand-zero and may leave memory; the others stay resident, contents undefined. Each page is charged
 * against the commit limit (mm/commit.h): NULL beyond it, so a full paging file makes allocation fail,
 * never a later page fault. */
void *pool_pages_alloc(size_t npages, bool pageable);
/* Gives back what pool_pages_alloc returned: the same address and page count (or a part of it). Pages
 * not handed out (a double free) are bugcheck 0x1A MEMORY_MANAGEMENT with p1 0x3000. */
void pool_pages_free(void *pages, size_t npages);

/* Which limit refused a request: the commit limit, resident available pages (nonpaged pages, or page
 * tables), or room in the range itself. */
enum pool_pages_limit { POOL_PAGES_NO_LIMIT, POOL_PAGES_COMMIT, POOL_PAGES_RESIDENT, POOL_PAGES_RANGE };
/* How many of the kernel's pool_pages_alloc calls returned NULL so far, and the limit of the last: a
 * caller that compares the count before and after a pool call learns whether a limit refused it. */
uint32_t pool_pages_failures(enum pool_pages_limit *last);
/* "commit limit", "resident available pages", ... for error lines. */
const char *pool_pages_limit_name(enum pool_pages_limit limit);

/* The pool's own byte for the virtual page holding p, or NULL when p lies outside the range pool
 * pages come from. The pool writes there what it uses the page for, so a free finds its page in O(1)
 * (NT keeps the like in the PFN entry and its pool bitmaps; mm can keep one byte per pool page), and
 * every pointer the pool would follow (links a driver may have overwritten) is checked with it first:
 * corruption ends in a bugcheck the pool reports, never in a stray fault. Reading any byte of a page
 * in that range must not fault while the pool runs at an IRQL that may touch it. */
uint8_t *pool_pages_owner(const void *p);

/* The same where the common free looks first, for a page of nonpaged pool: NULL for p outside nonpaged
 * pool's range (pool_pages_owner tells the rest). Inline in the kernel, whose range is fixed, so that
 * the free makes no call; on the host, whose one arena holds both pools, pool_pages_owner itself. */
#ifdef __i386__
extern uint8_t pool_pages_nonpaged_owners[(NONPAGED_POOL_END - NONPAGED_POOL_START) / PAGE_SIZE];

static inline uint8_t *pool_pages_nonpaged_owner(const void *p)
{
    uint32_t at = (uint32_t)p - NONPAGED_POOL_START;
    return at < NONPAGED_POOL_END - NONPAGED_POOL_START ? &pool_pages_nonpaged_owners[at / PAGE_SIZE] : 0;
}
#else
static inline uint8_t *pool_pages_nonpaged_owner(const void *p)
{
    return pool_pages_owner(p);
}
#endif

#endif
