/* MmIsAddressValid: whether a read of the address would not fault, i.e. its page is resident now. A
 * pageable page that is out answers FALSE, as on Windows (the answer may change at once unless the
 * caller is at DISPATCH_LEVEL or above). */
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/page_table.h"
#include "mm/pte.h"

BOOLEAN NTAPI MmIsAddressValid(PVOID VirtualAddress)
{
    uint32_t va = (uint32_t)VirtualAddress;
    return page_table_present(va) && (*pte_of(va) & PTE_VALID) ? TRUE : FALSE;
}

/* The obsolete routine's sense: the address is resident and never pages (nonpaged pool, locked pages,
 * device mappings), not a pageable page that happens to be in. */
BOOLEAN NTAPI MmIsNonPagedSystemAddressValid(PVOID VirtualAddress)
{
    uint32_t va = (uint32_t)VirtualAddress;
    if (!MmIsAddressValid(VirtualAddress))
        return FALSE;
    struct pfn_entry *e = pfn_entry(frames_db(), pte_payload(*pte_of(va)));
    return !e || e->state != PFN_ACTIVE;
}
