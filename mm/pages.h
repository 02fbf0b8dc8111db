/* The paged and nonpaged pool ranges behind mm_alloc_pages / mm_free_pages (declared in mm.h). */
#ifndef PAGODA_MM_PAGES_H
#define PAGODA_MM_PAGES_H

#include <stdint.h>

void pages_init(uint32_t commit_limit);
uint32_t pages_commit(void);
uint32_t pages_commit_limit(void);

#endif
