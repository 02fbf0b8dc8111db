/* The flat GDT, FS's processor control region, the main TSS, and the TSS of the double-fault task (its
 * own stack, so a fault with a broken stack still reaches the bugcheck screen). */
#ifndef PAGODA_GDT_H
#define PAGODA_GDT_H

#include <stdint.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_MAIN_TSS 0x18
#define GDT_DOUBLE_FAULT_TSS 0x20
#define GDT_PCR 0x28 /* FS in kernel mode, as on x86 Windows: the processor control region (kernel/pcr.h) */

struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

void gdt_init(void (*double_fault_entry)(void));
/* Where the CPU saved the interrupted state when it switched to the double-fault task. */
const struct tss *gdt_main_tss(void);

#endif
