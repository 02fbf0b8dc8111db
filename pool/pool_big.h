/* Requests over POOL_SMALL_MAX: whole pages, page aligned (so cache aligned too), tracked by address
 * in the page table. */
#ifndef PAGODA_POOL_BIG_H
#define PAGODA_POOL_BIG_H

#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_type.h"

/* In a call that holds pool_lock(kind); NULL when no pages can be had. */
void *pool_big_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag);
/* After the owner byte said p's page is the first of a big allocation of kind: checks the IRQL and
 * the address, takes the pool's lock, and frees it. */
void pool_big_free(enum pool_kind kind, void *p, uintptr_t page, uint32_t tag);

#endif
