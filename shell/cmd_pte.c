/* pte / pfn: the page tables and the PFN database decoded, like WinDbg's !pte and !pfn. */
#include "kernel/console.h"
#include "mm/frames.h"
#include "mm/page_table.h"
#include "shell/args_print.h"
#include "shell/commands.h"

/* One entry: where it is, what it holds, and its meaning. */
static void show_entry(const char *label, uint32_t address, uint32_t value)
{
    enum pte_kind kind = pte_kind_of(value);
    kprintf("%s at 0x%08x contains 0x%08x  ", label, address, value);
    if (kind == PTE_KIND_VALID)
        kprintf("pfn 0x%x %c%c%c%c%c%c%c\n", pte_payload(value), value & PTE_GLOBAL ? 'G' : '-',
                value & PTE_DIRTY ? 'D' : '-', value & PTE_ACCESSED ? 'A' : '-',
                value & PTE_CACHE_DISABLE ? 'N' : '-', value & PTE_WRITE_THROUGH ? 'T' : '-',
                value & PTE_WRITE ? 'W' : 'R', 'V');
    else if (kind == PTE_KIND_PAGEFILE)
        kprintf("pagefile slot 0x%x\n", pte_payload(value));
    else if (kind == PTE_KIND_TRANSITION)
        kprintf("transition pfn 0x%x\n", pte_payload(value));
    else if (kind == PTE_KIND_NO_ACCESS && pte_payload(value) == PTE_NO_ACCESS_FREED)
        kprintf("no-access (freed special pool)\n");
    else
        kprintf("%s\n", pte_kind_name(kind));
}

int cmd_pte(int argc, char **argv)
{
    uint32_t va;
    if (argc != 2)
        return cmd_usage_error("pte");
    if (!args_address("pte", argv[1], &va))
        return -1;
    kprintf("VA 0x%08x\n", va);
    show_entry("PDE", pde_address(va), *(volatile uint32_t *)pde_address(va));
    if (page_table_present(va))
        show_entry("PTE", pte_address(va), *pte_of(va));
    else
        kprintf("PTE: no page table\n");
    return 0;
}

int cmd_pfn(int argc, char **argv)
{
    uint32_t pfn;
    if (argc != 2)
        return cmd_usage_error("pfn");
    if (!args_u32("pfn", argv[1], 0, 0xFFFFF, &pfn))
        return -1;
    struct pfn_db *db = frames_db();
    struct pfn_entry *e = pfn_entry(db, pfn);
    if (!e) {
        console_error("pfn: 0x%x is outside the PFN database (0x%x..0x%x)", pfn, db->first, db->first + db->count - 1);
        return -1;
    }
    kprintf("pfn 0x%x phys 0x%08x list=%s pte=0x%08x", pfn, pfn << 12, pfn_state_name(e->state), e->pte_va);
    if (e->pte_va)
        kprintf(" pte_contents=0x%08x", *(volatile uint32_t *)e->pte_va);
    if (e->slot != PFN_NO_SLOT)
        kprintf(" slot=0x%x", e->slot);
    kprintf("\n");
    return 0;
}
