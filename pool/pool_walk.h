/* Walking the pool, for !pool, !poolfind and the tests: its pages of small blocks, its big
 * allocations and Driver Verifier's special pool blocks. */
#ifndef PAGODA_POOL_WALK_H
#define PAGODA_POOL_WALK_H

#include <stdbool.h>

#include "pool/pool_block_info.h"

/* Visits every block of the pool page (or the big allocation, or the special pool page) holding addr;
 * false if none does. */
bool pool_walk_page(const void *addr, pool_block_visitor visit, void *ctx);
/* Visits every block of every pool page, then every big allocation, then every special pool block. */
void pool_walk_all(pool_block_visitor visit, void *ctx);

#endif
