#include "kernel/gdt.h"

#include "hal/cpu.h"
#include "kernel/lib/kstring.h"
#include "kernel/pcr.h"

struct gdt_entry {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t base_mid;
    uint8_t access;
    uint8_t limit_high_flags;
    uint8_t base_high;
} __attribute__((packed));

struct table_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

#define ACCESS_KERNEL_CODE 0x9A
#define ACCESS_KERNEL_DATA 0x92
#define ACCESS_TSS_32 0x89
#define FLAGS_4K_32BIT 0xC0

static struct gdt_entry gdt[6];
static struct tss main_tss;
static struct tss double_fault_tss;
static uint8_t double_fault_stack[8192] __attribute__((aligned(16)));

static void set_entry(unsigned index, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    gdt[index] = (struct gdt_entry){
        .limit_low = (uint16_t)limit,
        .base_low = (uint16_t)base,
        .base_mid = (uint8_t)(base >> 16),
        .access = access,
        .limit_high_flags = (uint8_t)(flags | ((limit >> 16) & 0x0F)),
        .base_high = (uint8_t)(base >> 24),
    };
}

void gdt_init(void (*double_fault_entry)(void))
{
    set_entry(0, 0, 0, 0, 0);
    set_entry(1, 0, 0xFFFFF, ACCESS_KERNEL_CODE, FLAGS_4K_32BIT);
    set_entry(2, 0, 0xFFFFF, ACCESS_KERNEL_DATA, FLAGS_4K_32BIT);
    set_entry(3, (uint32_t)&main_tss, sizeof(main_tss) - 1, ACCESS_TSS_32, 0);
    set_entry(4, (uint32_t)&double_fault_tss, sizeof(double_fault_tss) - 1, ACCESS_TSS_32, 0);
    set_entry(5, (uint32_t)pcr_base(), pcr_size() - 1, ACCESS_KERNEL_DATA, 0);

    memset(&main_tss, 0, sizeof(main_tss));
    main_tss.iomap_base = sizeof(main_tss);

    memset(&double_fault_tss, 0, sizeof(double_fault_tss));
    double_fault_tss.cr3 = cpu_read_cr3();
    double_fault_tss.eip = (uint32_t)double_fault_entry;
    double_fault_tss.eflags = 0x2; /* interrupts off */
    double_fault_tss.esp = (uint32_t)(double_fault_stack + sizeof(double_fault_stack));
    double_fault_tss.cs = GDT_KERNEL_CODE;
    double_fault_tss.ds = double_fault_tss.es = double_fault_tss.gs = double_fault_tss.ss = GDT_KERNEL_DATA;
    double_fault_tss.fs = GDT_PCR;
    double_fault_tss.iomap_base = sizeof(double_fault_tss);

    struct table_pointer ptr = { sizeof(gdt) - 1, (uint32_t)gdt };
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp %1, $1f\n"
                     "1:\n\t"
                     "mov %2, %%ax\n\t"
                     "mov %%ax, %%ds\n\t"
                     "mov %%ax, %%es\n\t"
                     "mov %%ax, %%gs\n\t"
                     "mov %%ax, %%ss\n\t"
                     "mov %w5, %%fs\n\t"
                     "ltr %w3\n\t"
                     "lldt %w4" /* no LDT: a selector that names one is a #GP, not a read at 0 */
                     :
                     : "m"(ptr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA), "r"(GDT_MAIN_TSS), "r"(0),
                       "r"(GDT_PCR)
                     : "eax", "memory");
}

const struct tss *gdt_main_tss(void)
{
    return &main_tss;
}
