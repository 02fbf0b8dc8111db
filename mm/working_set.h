/* The system working set: the pageable pages (paged pool, driver images) valid right now, with a
 * limit, and trimming by the replacement policy (ws_policy.h): dirty pages go to the modified list,
 * clean ones with a copy in the paging file to standby, never-written demand-zero pages back to
 * demand-zero. */
#ifndef PAGODA_MM_WORKING_SET_H
#define PAGODA_MM_WORKING_SET_H

#include <stdbool.h>
#include <stdint.h>

struct pfn_entry;

/* Trimming to make room stops here: the pages of an instruction that touches several stay in. */
#define WS_MINIMUM 32

/* Bytes of nonpaged storage a set of at most max_pages may use (the policy's history included): the
 * caller charges them against commit and resident pages before ws_init, as for nonpaged pool. */
uint32_t ws_storage_bytes(uint32_t max_pages);
/* max_pages: the most pages it may ever hold. The policy's tables lie at WS_POLICY_START, mapped as the
 * policy grows into them, so that boot does not grow with memory. False when their page tables or first
 * pages cannot be had. */
bool ws_init(uint32_t max_pages, uint32_t limit);
/* Pages mapped for the policy's tables so far. */
uint32_t ws_storage_pages(void);
/* Adds a page that just became valid (e: its frame's record), trimming first when the set is at its limit. */
void ws_add(uint32_t va, struct pfn_entry *e);
/* Takes out a page that is being freed (still valid). */
void ws_remove(uint32_t pfn);
/* A page that is being freed while out of the set: the policy forgets it. */
void ws_forget(uint32_t va);
/* Whether the policy remembers a page evicted lately (for tests). */
bool ws_remembers(uint32_t va);
/* Takes up to n pages out of memory (into transition); returns how many. */
uint32_t ws_trim(uint32_t n);
uint32_t ws_count(void);
uint32_t ws_limit(void);
/* A new limit (1..max_pages), trimming down to it; returns the old one. An emptied set starts its
 * policy afresh, history and all. */
uint32_t ws_set_limit(uint32_t pages);

#endif
