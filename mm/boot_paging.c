#include "mm/boot_paging.h"

#include "hal/cpu.h"
#include "mm/layout.h"
#include "mm/page_table.h"

extern uint32_t boot_page_directory[1024];
extern char kernel_image_end[];
extern char kernel_rodata_end[];
extern char boot_stack_guard[];

#define KERNEL_LOAD_VA (KERNEL_VBASE + 0x100000u) /* the Multiboot header and entry page come first */
#define BOOT_MAP_BYTES 0x01000000u /* what the boot page tables map at KERNEL_VBASE */

void boot_paging_drop_identity_map(void)
{
    boot_page_directory[0] = 0;
    cpu_flush_tlb();
}

uint32_t boot_paging_kernel_end_phys(void)
{
    return (uint32_t)kernel_image_end - KERNEL_VBASE;
}

void boot_paging_protect_kernel(void)
{
    for (uint32_t va = KERNEL_LOAD_VA; va < (uint32_t)kernel_rodata_end; va += 4096)
        pte_store(va, *pte_of(va) & ~PTE_WRITE);
    pte_store((uint32_t)boot_stack_guard, pte_make_software(PTE_KIND_NO_ACCESS, 0));
    /* Above the image, the low map's frames belong to the memory manager (or are not RAM it uses):
     * reached only through its own mappings, so a stray pointer there is a 0x50, not a silent write. */
    for (uint32_t va = (uint32_t)kernel_image_end; va < KERNEL_VBASE + BOOT_MAP_BYTES; va += 4096)
        pte_store(va, 0);
    cpu_write_cr0(cpu_read_cr0() | CR0_WP);
}
