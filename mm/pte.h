/* Page-table entries: the hardware format and the software formats of an invalid entry, in one place,
 * with the decode that the fault handler, the `pte` command and the GDB helper share.
 *
 * Valid (bit 0 set): frame << 12 | flags. Invalid: bits 1..3 say what the entry holds, bits 12..31
 * the frame or the paging-file slot:
 *
 *   0x00000000             nothing: a reference is bugcheck 0x50
 *   0x00000002             demand-zero: committed, never touched
 *   slot  << 12 | 0x004    paging file: the page's only copy is in that slot
 *   frame << 12 | 0x006    transition: the frame (standby or modified list) still holds the data
 *   0x00000008             no-access / guard page
 *   0x00001008             no-access: a freed special-pool page (a touch is 0xCC, not 0xCD)
 */
#ifndef PAGODA_MM_PTE_H
#define PAGODA_MM_PTE_H

#include <stdint.h>

#include "mm/layout.h"

#define PTE_VALID 0x001u
#define PTE_WRITE 0x002u
#define PTE_WRITE_THROUGH 0x008u
#define PTE_CACHE_DISABLE 0x010u
#define PTE_ACCESSED 0x020u
#define PTE_DIRTY 0x040u
#define PTE_GLOBAL 0x100u
#define PTE_FRAME_MASK 0xFFFFF000u

#define PTE_NO_ACCESS_FREED 1u /* payload of a no-access entry for a freed special-pool page */

#define PTE_SW_KIND_SHIFT 1
#define PTE_SW_KIND_MASK 0x0Eu

enum pte_kind {
    PTE_KIND_NONE,
    PTE_KIND_DEMAND_ZERO,
    PTE_KIND_PAGEFILE,
    PTE_KIND_TRANSITION,
    PTE_KIND_NO_ACCESS,
    PTE_KIND_VALID,
    PTE_KIND_UNKNOWN,
};

static inline uint32_t pte_make_valid(uint32_t frame, uint32_t flags)
{
    return frame << 12 | flags | PTE_VALID;
}

static inline uint32_t pte_make_software(enum pte_kind kind, uint32_t payload)
{
    return payload << 12 | (uint32_t)kind << PTE_SW_KIND_SHIFT;
}

static inline enum pte_kind pte_kind_of(uint32_t pte)
{
    if (pte == pte_make_software(PTE_KIND_DEMAND_ZERO, 0)) /* the commonest fault's entry: one compare */
        return PTE_KIND_DEMAND_ZERO;
    if (pte & PTE_VALID)
        return PTE_KIND_VALID;
    if (pte == 0)
        return PTE_KIND_NONE;
    uint32_t kind = (pte & PTE_SW_KIND_MASK) >> PTE_SW_KIND_SHIFT;
    if (kind < PTE_KIND_DEMAND_ZERO || kind > PTE_KIND_NO_ACCESS || (pte & 0xFF1u & ~PTE_SW_KIND_MASK))
        return PTE_KIND_UNKNOWN;
    return (enum pte_kind)kind;
}

/* The frame of a valid or transition entry, the slot of a paging-file entry. */
static inline uint32_t pte_payload(uint32_t pte)
{
    return pte >> 12;
}

static inline const char *pte_kind_name(enum pte_kind kind)
{
    static const char *const names[] = { "none", "demand-zero", "pagefile", "transition", "no-access", "valid",
                                         "unknown" };
    return names[kind];
}

/* Through the self-map: the PTE of va and the PDE of va as kernel addresses. */
static inline uint32_t pte_address(uint32_t va)
{
    return PAGE_TABLES_VA + (va >> 12) * 4;
}

static inline uint32_t pde_address(uint32_t va)
{
    return PAGE_DIRECTORY_VA + (va >> 22) * 4;
}

#endif
