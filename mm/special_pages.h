/* Where the special pool (pool/special_pool.c) gets its pages: each one page followed by a no-access
 * guard page, so that reading or writing past the page's end faults at once. In the kernel they come
 * from the memory manager's special-pool range (mm/special_pages.c), whose faults are 0xCD on a guard
 * page and 0xCC on a retired page; on the host, host/special_pages_host.c maps them with mprotect (the
 * same references end in SIGSEGV there). */
#ifndef PAGODA_SPECIAL_PAGES_H
#define PAGODA_SPECIAL_PAGES_H

#include <stdbool.h>

/* The kernel's range, at boot (the host's pages need none). */
void special_pages_init(void);
/* A page (pageable or resident, contents undefined) with a guard page after it; NULL if none is left. */
void *special_pages_alloc(bool pageable);
/* The page's memory goes and the page turns no-access, still reserved: a use after free faults. */
void special_pages_retire(void *page);
/* A retired page and its guard go back for reuse. */
void special_pages_free(void *page);
/* Whether p lies in the range special pages come from (a page handed out or not). */
bool special_pages_contains(const void *p);
enum special_page_state { SPECIAL_PAGE_FREE, SPECIAL_PAGE_RESIDENT, SPECIAL_PAGE_PAGEABLE, SPECIAL_PAGE_RETIRED };
/* What the page holding p (in that range) is now, known without touching it: a free checks it and
 * its IRQL before it reads the page. A guard page is SPECIAL_PAGE_FREE: it never holds a block. */
enum special_page_state special_pages_state(const void *p);
/* The first page after `after` (NULL: from the start) that holds a block now (resident or pageable),
 * or NULL: the walks behind !pool and !poolfind. */
void *special_pages_next(const void *after);

#endif
