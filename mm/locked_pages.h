/* Pages locked resident: MmProbeAndLockPages' hold on a page of any kernel address, and a driver
 * image's locked or nonpaged sections (mm/driver_images.c). A pageable page that is locked leaves the
 * working set for PFN_LOCKED, charged to resident available pages as nonpaged memory is, with a count
 * of the locks on it (NT's PFN reference count); the last unlock gives it back to the working set.
 * Nonpaged frames are resident for good: locking them counts nothing. */
#ifndef PAGODA_MM_LOCKED_PAGES_H
#define PAGODA_MM_LOCKED_PAGES_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

/* One more lock on the valid page whose frame is pfn (PFN lock held). False when a pageable page
 * cannot be charged: no resident page left. */
bool locked_pages_hold(uint32_t pfn);
/* A resident kernel frame (charged already) becomes a locked page with one lock: a driver image's
 * nonpaged page, which MmPageEntireDriver may make pageable. PFN lock held. */
void locked_pages_adopt(uint32_t pfn);
/* One lock fewer (PFN lock held); the page is back in the working set at va when none is left.
 * 0x4E PFN_LIST_CORRUPT (0x07, pfn, 0, 0) for a pageable page no lock holds. */
void locked_pages_release(uint32_t va, uint32_t pfn);
/* Every lock on the page goes at once (an image unmapped with sections locked): a kernel frame,
 * still charged, that page_backing_release can take. PFN lock held. */
void locked_pages_drop(uint32_t pfn);

/* MmProbeAndLockPages' work for one page: brings it in (a touch below DISPATCH_LEVEL faults it back;
 * at or above it the fault is the bugcheck it must be), checks that it allows the access, and locks
 * it. STATUS_SUCCESS with its frame in *pfn; STATUS_ACCESS_VIOLATION for an address nothing maps (or a
 * write to a read-only page), STATUS_WORKING_SET_QUOTA when no resident page is left. */
NTSTATUS locked_pages_probe(uint32_t va, bool write, ULONG *pfn);

#endif
