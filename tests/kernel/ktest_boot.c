/* The machine state the foundation sets up: paging, descriptor tables, interrupts, memory map. */
#include "hal/cpu.h"
#include "kernel/clock.h"
#include "kernel/gdt.h"
#include "kernel/ktest.h"
#include "kernel/pcr.h"
#include "kernel/wdm.h"
#include "kernel/trap.h"
#include "mm/boot_paging.h"
#include "mm/layout.h"
#include "mm/mm.h"

void kmain(void);

static void kernel_runs_in_the_higher_half(struct ktest *t)
{
    KT_EXPECT(t, (uint32_t)kmain >= 0x80100000u && (uint32_t)kmain < 0x81000000u);
    uint32_t esp;
    __asm__ volatile("mov %%esp, %0" : "=r"(esp));
    KT_EXPECT(t, esp >= 0x80100000u);
}

static void identity_map_is_gone(struct ktest *t)
{
    const volatile uint32_t *pd = (const volatile uint32_t *)PAGE_DIRECTORY_VA;
    KT_EXPECT(t, pd[0] == 0);
    KT_EXPECT(t, (pd[KERNEL_VBASE >> 22] & 1) == 1);
}

static void self_map_points_at_the_page_directory(struct ktest *t)
{
    const volatile uint32_t *pd = (const volatile uint32_t *)PAGE_DIRECTORY_VA;
    uint32_t cr3 = cpu_read_cr3();
    KT_EXPECT(t, (pd[SELF_MAP_PDE] & ~0xFFFu) == (cr3 & ~0xFFFu));
    /* The PTE of the kernel's first page, read through the self-map, maps physical 1 MiB. */
    const volatile uint32_t *ptes = (const volatile uint32_t *)PAGE_TABLES_VA;
    KT_EXPECT(t, (ptes[0x80100000u >> 12] & ~0xFFFu) == 0x00100000u);
}

static void descriptor_tables_are_loaded(struct ktest *t)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) idtr;
    uint16_t tr, cs;
    __asm__ volatile("sidt %0; str %1; mov %%cs, %2" : "=m"(idtr), "=r"(tr), "=r"(cs));
    KT_EXPECT(t, idtr.limit == 256 * 8 - 1 && idtr.base >= 0x80100000u);
    KT_EXPECT(t, tr == GDT_MAIN_TSS);
    KT_EXPECT(t, cs == GDT_KERNEL_CODE);
}

/* FS holds x86 Windows' processor control region, as drivers' inline code reads it, also after an
 * interrupt (the clock's has run by now). */
static void fs_holds_the_processor_control_region(struct ktest *t)
{
    uint16_t fs;
    uint32_t self, thread;
    uint8_t number;
    __asm__ volatile("mov %%fs, %0; mov %%fs:0x1C, %1; mov %%fs:0x124, %2; movb %%fs:0x51, %3"
                     : "=r"(fs), "=r"(self), "=r"(thread), "=q"(number));
    KT_EXPECT(t, fs == GDT_PCR && self == pcr_base() && number == 0);
    KT_EXPECT(t, thread == (uint32_t)KeGetCurrentThread());
}

static volatile int breakpoint_hits;
static volatile uint32_t breakpoint_eip;

static void count_breakpoint(struct trap_frame *f)
{
    breakpoint_hits++;
    breakpoint_eip = f->eip;
}

static void exception_reaches_a_registered_handler(struct ktest *t)
{
    trap_set_exception_handler(3, count_breakpoint);
    __asm__ volatile("int3");
    trap_set_exception_handler(3, 0);
    KT_EXPECT(t, breakpoint_hits == 1 && trap_exception_handler(3) == 0); /* none again */
    KT_EXPECT(t, breakpoint_eip >= 0x80100000u);
}

static void clock_ticks_with_interrupts_on(struct ktest *t)
{
    uint64_t start = clock_ticks();
    for (int i = 0; i < 1000 && clock_ticks() < start + 3; i++)
        cpu_halt();
    KT_EXPECT(t, clock_ticks() >= start + 3);
}

static void memory_map_gave_frames_above_the_kernel(struct ktest *t)
{
    const struct physmem *pm = mm_physmem();
    KT_EXPECT(t, pm->frames_total > 1000);
    KT_EXPECT(t, pm->run_count >= 1);
    KT_EXPECT(t, pm->runs[0].first >= boot_paging_kernel_end_phys() / PAGE_SIZE);
}

static const struct ktest_case boot_cases[] = {
    { "kernel_runs_in_the_higher_half", kernel_runs_in_the_higher_half },
    { "identity_map_is_gone", identity_map_is_gone },
    { "self_map_points_at_the_page_directory", self_map_points_at_the_page_directory },
    { "descriptor_tables_are_loaded", descriptor_tables_are_loaded },
    { "fs_holds_the_processor_control_region", fs_holds_the_processor_control_region },
    { "exception_reaches_a_registered_handler", exception_reaches_a_registered_handler },
    { "clock_ticks_with_interrupts_on", clock_ticks_with_interrupts_on },
    { "memory_map_gave_frames_above_the_kernel", memory_map_gave_frames_above_the_kernel },
};
KTEST_SUITE(boot_suite, "boot", boot_cases);
