/* Requests over POOL_SMALL_MAX: whole pages, page aligned (so cache aligned too), tracked by address
 * in the page table. */
#ifndef PAGODA_POOL_BIG_H
#define PAGODA_POOL_BIG_H

#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_type.h"

/* In a call that holds pool_lock(kind); NULL when no pages can be had. */
void *pool_big_alloc(enum pool_kind kind, unsigned base_type, SIZE_T bytes, uint32_t tag);
/* Gives the big allocation at p the owner number of the driver that allocated it (pool/verifier.h);
 * returns its bytes (whole pages). Under the pool's spinlock. */
uint32_t pool_big_set_owner(void *p, unsigned owner);
/* After the owner byte said p's page is the first of a big allocation of kind: checks the IRQL (caller:
 * the return address of the free's caller) and the address, takes the pool's lock, and frees it. */
void pool_big_free(enum pool_kind kind, void *p, uintptr_t page, uint32_t tag, const void *caller);

#endif
