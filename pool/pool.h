/* The pool engine behind ExAllocatePoolWithTag/ExFreePoolWithTag (wdm.h): what the console commands
 * and the tests may ask it besides the WDK calls. Portable C: the same files run in the kernel and in
 * the host library; pages come from pool_pages (pool_pages.h). */
#ifndef PAGODA_POOL_H
#define PAGODA_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"
#include "pool/pool_page.h"
#include "pool/pool_small.h"
#include "pool/pool_tag_counts.h"
#include "pool/pool_type.h"
#include "pool/pool_violations.h"
#include "pool/pool_walk.h"

#define POOL_TAG_NONE 0x656E6F4Eu /* 'enoN': what untagged calls use, shown "None" */

/* Gives back to the page provider the empty pages the pool keeps for its size classes (one a class,
 * up to 16 for the one-block class, so that churn neither maps nor unmaps): an allocation that finds no
 * page does so before it tries again. Paged pool's only below DISPATCH_LEVEL, where its pages may be
 * touched. */
void pool_trim(void);
/* Where Windows raises STATUS_INSUFFICIENT_RESOURCES for a failed allocation (POOL_RAISE_IF_ALLOCATION_
 * FAILURE, POOL_FLAG_RAISE_ON_FAILURE, quota charges): no SEH here, so the bugcheck of that exception
 * unhandled, 0x1E with p1 the status and p2 the caller. */
__attribute__((noreturn, noinline, cold)) void pool_raise_insufficient_resources(const void *caller);

/* ExAllocatePoolWithTag and ExFreePoolWithTag (tag 0: ExFreePool) for a call the kernel makes on behalf
 * of the code at caller (a return address): the pool charges and checks that code, as if it had called
 * the WDK routine itself (the lookaside lists' default routines, ExAllocatePool2, ...). */
void *pool_allocate_as(const void *caller, POOL_TYPE type, SIZE_T bytes, ULONG tag);
void pool_free_as(const void *caller, void *p, ULONG tag);

void pool_get_stats(struct pool_stats *stats);

#endif
