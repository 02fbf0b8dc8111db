/* What the two generic tables (kernel/rtl_gentable.c, kernel/rtl_avl.c) share: their calls into the
 * caller's Compare, Allocate and Free routines, stdcall, as the kernel's calls into drivers
 * (kernel/callout.h). Each routine's first argument is the table. */
#ifndef PAGODA_RTL_TABLE_H
#define PAGODA_RTL_TABLE_H

#include "kernel/callout.h"
#include "kernel/wdm.h"

static inline RTL_GENERIC_COMPARE_RESULTS rtl_table_compare(const void *routine, PVOID table, PVOID key,
                                                            PVOID element)
{
    uintptr_t args[] = { (uintptr_t)table, (uintptr_t)key, (uintptr_t)element };
    return (RTL_GENERIC_COMPARE_RESULTS)(uint32_t)callout_stdcall(routine, 3, args);
}

/* A node of bytes, or NULL with *NewElement (if given) FALSE. */
static inline PVOID rtl_table_allocate(const void *routine, PVOID table, CLONG bytes, PBOOLEAN NewElement)
{
    uintptr_t args[] = { (uintptr_t)table, bytes };
    PVOID node = (PVOID)callout_stdcall(routine, 2, args);
    if (!node && NewElement)
        *NewElement = FALSE;
    return node;
}

static inline void rtl_table_free(const void *routine, PVOID table, PVOID node)
{
    uintptr_t args[] = { (uintptr_t)table, (uintptr_t)node };
    callout_stdcall(routine, 2, args);
}

#endif
