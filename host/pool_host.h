/* The host library's page provider: pages of one large mmap'ed arena (reserved, not committed), so
 * any address inside it can be read without a fault, whatever a test or the fuzzer wrote. */
#ifndef PAGODA_POOL_HOST_H
#define PAGODA_POOL_HOST_H

#include <stddef.h>

/* At most this many pages handed out at once (0: no limit): lets tests exhaust the pool. */
void pool_host_set_page_limit(size_t pages);
size_t pool_host_pages_in_use(void);

#endif
