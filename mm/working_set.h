/* The system working set: the pageable pages (paged pool, driver images) valid right now, with a
 * limit, and trimming by the replacement policy (ws_policy.h): dirty pages go to the modified list,
 * clean ones with a copy in the paging file to standby, never-written demand-zero pages back to
 * demand-zero. */
#ifndef PAGODA_MM_WORKING_SET_H
#define PAGODA_MM_WORKING_SET_H

#include <stdint.h>

/* Trimming to make room stops here: the pages of an instruction that touches several stay in. */
#define WS_MINIMUM 32

/* Bytes of nonpaged storage a set of capacity pages needs. */
uint32_t ws_storage_bytes(uint32_t capacity);
/* capacity: the most pages it may ever hold, in storage of ws_storage_bytes(capacity). */
void ws_init(uint32_t *storage, uint32_t capacity, uint32_t limit);
/* Adds a page that just became valid, trimming first when the set is at its limit. */
void ws_add(uint32_t va, uint32_t pfn);
/* Takes out a page that is being freed (still valid). */
void ws_remove(uint32_t pfn);
/* Takes up to n pages out of memory (into transition); returns how many. */
uint32_t ws_trim(uint32_t n);
uint32_t ws_count(void);
uint32_t ws_limit(void);

#endif
