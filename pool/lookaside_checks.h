/* Driver Verifier's checks of the WDK's lookaside calls (both the classic lists and LOOKASIDE_LIST_EX),
 * for a verified caller, as Microsoft's bug check reference gives them (kernel/verifier_violations.h):
 * 0xC4/0xCA a live list initialized again, 0xCB a list deleted that is not live, 0xCD entries smaller
 * than the link a cached entry holds (the minimum, sizeof(SLIST_ENTRY), is parameter 4). */
#ifndef PAGODA_LOOKASIDE_CHECKS_H
#define PAGODA_LOOKASIDE_CHECKS_H

#include <stdbool.h>

#include "kernel/wdm.h"

/* Before l is initialized for entries of size bytes: the checks; returns the owner number of the code at
 * caller (0 for the kernel's), for lookaside_register_wdk. */
unsigned lookaside_check_initialize(const GENERAL_LOOKASIDE *l, SIZE_T size, const void *caller);
void lookaside_check_delete(const GENERAL_LOOKASIDE *l, const void *caller);
/* Whether the lists owner initializes cache: not a verified driver's. */
bool lookaside_caches_for(unsigned owner);

#endif
