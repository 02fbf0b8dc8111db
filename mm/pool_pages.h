/* Where the pool gets its pages: a tiny interface so the engine runs on any page source. In the kernel
 * the memory manager provides it (until mm's page API is merged, the interim provider in
 * pool_pages_interim.c); on the host, host/pool_host.c hands out pages of an mmap'ed arena. */
#ifndef PAGODA_POOL_PAGES_H
#define PAGODA_POOL_PAGES_H

#include <stdbool.h>
#include <stddef.h>

struct pool_pages_ops {
    /* npages contiguous, page-aligned pages, or NULL when there are none. Pageable pages may leave
     * memory (paged pool); the others stay resident. */
    void *(*alloc)(size_t npages, bool pageable);
    void (*free)(void *pages, size_t npages);
    /* Whether p lies in the address range pool pages come from. The pool checks every pointer it
     * would follow (free-list and lookaside links a driver may have overwritten) with this first,
     * so corruption ends in a bugcheck the pool reports, never in a stray fault. */
    bool (*contains)(const void *p);
};

/* Defined by exactly one provider per build. */
extern const struct pool_pages_ops pool_pages;

#endif
