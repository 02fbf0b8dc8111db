/* The paged and nonpaged pool ranges behind mm_alloc_pages / mm_free_pages (declared in mm.h), and the
 * special-pool range behind special_pages.h. */
#ifndef PAGODA_MM_PAGES_H
#define PAGODA_MM_PAGES_H

#include <stdint.h>

void pages_init(void);
/* The commit limit, as NT's: every committed page, pageable or nonpaged, is backed either by a
 * paging-file slot or by a frame. Set once the paging file exists: its slots plus the frames still
 * free, less what page tables and pages in flight may need. */
void pages_set_commit_limit(uint32_t limit);
uint32_t pages_commit(void);
uint32_t pages_commit_limit(void);

#endif
