#include "boot_paging.h"

extern uint32_t boot_page_directory[1024];
extern char kernel_image_end[];

void boot_paging_drop_identity_map(void)
{
    boot_page_directory[0] = 0;
    uint32_t cr3;
    __asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

uint32_t boot_paging_kernel_end_phys(void)
{
    return (uint32_t)kernel_image_end - KERNEL_VBASE;
}
