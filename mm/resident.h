/* Resident available pages, as NT's MmResidentAvailablePages: what may still be made resident for
 * good (nonpaged pool, special pool's resident pages, page tables), which is not the same as commit:
 * a paging-file slot can back a pageable page, never a nonpaged one. A charge that would leave fewer
 * than RESIDENT_MINIMUM pages is refused, so that nonpaged memory can never take the frames the
 * working set needs to page at all. Callers hold the PFN lock. */
#ifndef PAGODA_MM_RESIDENT_H
#define PAGODA_MM_RESIDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/working_set.h"

/* The working set's minimum plus room for the pages in flight of a fault (hyperspace, the pager). */
#define RESIDENT_MINIMUM (WS_MINIMUM + 16)

/* Every frame not yet taken, at boot. */
void resident_init(uint32_t frames);
bool resident_charge(uint32_t npages);
void resident_return(uint32_t npages);
/* Pages a charge may still take (beyond the minimum). */
uint32_t resident_available(void);
/* How many charges were refused so far. */
uint32_t resident_refusals(void);

#endif
