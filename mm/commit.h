/* The commit charge, as NT's: every committed page, pageable or nonpaged, is backed either by a
 * paging-file slot or by a frame, so a page handed out never finds memory exhausted when it is
 * touched. Callers hold the PFN lock. */
#ifndef PAGODA_MM_COMMIT_H
#define PAGODA_MM_COMMIT_H

#include <stdbool.h>
#include <stdint.h>

/* Until this is called (boot's own nonpaged needs) there is no limit. Set once the paging file
 * exists: its slots plus the frames still free, less what page tables and pages in flight may need. */
void commit_set_limit(uint32_t limit);
/* Charges npages; false (nothing charged) beyond the limit. */
bool commit_charge(uint32_t npages);
void commit_return(uint32_t npages);
uint32_t commit_used(void);
uint32_t commit_limit(void);

#endif
