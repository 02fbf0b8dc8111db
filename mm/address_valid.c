/* MmIsAddressValid: whether a read of the address would not fault, i.e. its page is resident now. A
 * pageable page that is out answers FALSE, as on Windows (the answer may change at once unless the
 * caller is at DISPATCH_LEVEL or above). */
#include "kernel/wdm.h"
#include "mm/page_table.h"
#include "mm/pte.h"

BOOLEAN NTAPI MmIsAddressValid(PVOID VirtualAddress)
{
    uint32_t va = (uint32_t)VirtualAddress;
    return page_table_present(va) && (*pte_of(va) & PTE_VALID) ? TRUE : FALSE;
}
