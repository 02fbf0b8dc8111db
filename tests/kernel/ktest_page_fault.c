/* The page fault's own entry (boot/isr.asm): the handler set for the vector gets the uniform trap frame
 * every other exception gets, the frame's registers are what the interrupted code resumes with, a fault
 * inside the handler nests, and the direction flag of the faulting code does not reach the kernel. */
#include "hal/cpu.h"
#include "kernel/gdt.h"
#include "kernel/ktest.h"
#include "kernel/trap.h"
#include "mm/mm.h"
#include "mm/pool_pages.h"

#define PROBE_ADDRESS 0x00000ABCu /* below the kernel: no page table */
#define RESUMED 0x5EC0DEu         /* what the handler leaves in the frame's eax */

/* uint32_t ktest_pf_probe(uint32_t address): every general register but esp and ebp loaded with a
 * known value, then a write to address, the fault under test. Returns eax as the frame had it when the
 * handler returned; ktest_pf_esp is esp at the faulting instruction. */
uint32_t ktest_pf_probe(uint32_t address);
extern char ktest_pf_insn[], ktest_pf_resume[];
uint32_t ktest_pf_esp;
__asm__(".text\n"
        ".globl ktest_pf_probe\n"
        "ktest_pf_probe:\n"
        "  push %ebx\n"
        "  push %esi\n"
        "  push %edi\n"
        "  mov 16(%esp), %edx\n"
        "  mov $0xA1A1A1A1, %eax\n"
        "  mov $0xB2B2B2B2, %ebx\n"
        "  mov $0xC3C3C3C3, %ecx\n"
        "  mov $0xD4D4D4D4, %esi\n"
        "  mov $0xE5E5E5E5, %edi\n"
        "  mov %esp, ktest_pf_esp\n"
        ".globl ktest_pf_insn\n"
        "ktest_pf_insn:\n"
        "  movl %eax, (%edx)\n"
        ".globl ktest_pf_resume\n"
        "ktest_pf_resume:\n"
        "  pop %edi\n"
        "  pop %esi\n"
        "  pop %ebx\n"
        "  ret\n");

static trap_handler mm_handler;
static struct trap_frame seen;
static uint32_t seen_cr2, seen_esp;
static volatile uint32_t *nested_page; /* touched by the handler: a demand-zero fault inside it */
static uint32_t nested_read;
static bool frame_kept; /* the handler's frame unchanged by the fault nested in it */

static bool same_frame(const struct trap_frame *a, const struct trap_frame *b)
{
    const uint32_t *x = (const uint32_t *)a, *y = (const uint32_t *)b;
    for (unsigned i = 0; i < sizeof(*a) / 4; i++)
        if (x[i] != y[i])
            return false;
    return true;
}

/* The probe's fault is this handler's; any other (the nested one too) goes on to the memory manager, as
 * the GDB stub's probe handler does. */
static void probe_handler(struct trap_frame *f)
{
    if (f->eip != (uint32_t)ktest_pf_insn) {
        mm_handler(f);
        return;
    }
    seen = *f;
    seen_cr2 = cpu_read_cr2();
    seen_esp = trap_frame_esp(f);
    if (nested_page) {
        nested_page[3] = 0x4E57;
        nested_read = nested_page[3];
    }
    frame_kept = same_frame(f, &seen);
    f->eax = RESUMED;
    f->eip = (uint32_t)ktest_pf_resume;
}

static uint32_t probe(volatile uint32_t *nested)
{
    mm_handler = trap_exception_handler(TRAP_PAGE_FAULT);
    nested_page = nested;
    trap_set_exception_handler(TRAP_PAGE_FAULT, probe_handler);
    uint32_t eax = ktest_pf_probe(PROBE_ADDRESS);
    trap_set_exception_handler(TRAP_PAGE_FAULT, mm_handler);
    return eax;
}

static void a_page_fault_reaches_the_vectors_handler_with_the_uniform_frame(struct ktest *t)
{
    uint32_t eax = probe(0);
    KT_EXPECT(t, seen.vector == TRAP_PAGE_FAULT && seen.error_code == 2); /* a write to a page not present */
    KT_EXPECT(t, seen_cr2 == PROBE_ADDRESS && seen.eip == (uint32_t)ktest_pf_insn && seen.cs == GDT_KERNEL_CODE);
    KT_EXPECT(t, seen.eax == 0xA1A1A1A1 && seen.ebx == 0xB2B2B2B2 && seen.ecx == 0xC3C3C3C3);
    KT_EXPECT(t, seen.edx == PROBE_ADDRESS && seen.esi == 0xD4D4D4D4 && seen.edi == 0xE5E5E5E5);
    KT_EXPECT(t, seen.ds == GDT_KERNEL_DATA && seen.es == GDT_KERNEL_DATA && seen.fs == GDT_PCR &&
                     seen.gs == GDT_KERNEL_DATA);
    KT_EXPECT(t, seen_esp == ktest_pf_esp); /* nothing between the CPU's words and the frame's end */
    KT_EXPECT(t, eax == RESUMED);           /* the registers come back from the frame */
    KT_EXPECT(t, trap_exception_handler(TRAP_PAGE_FAULT) == mm_handler && mm_handler != 0);
}

static void a_fault_inside_the_page_fault_handler_nests(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(1, true);
    struct mm_info before, after;
    mm_query(&before);
    uint32_t eax = probe(p);
    mm_query(&after);
    KT_EXPECT(t, eax == RESUMED && seen.eip == (uint32_t)ktest_pf_insn && frame_kept);
    KT_EXPECT(t, nested_read == 0x4E57 && after.faults_dz == before.faults_dz + 1);
    pool_pages_free((void *)p, 1);
}

/* A demand-zero fault that zeroes its frame (a string instruction) in code that runs with the direction
 * flag set, as a backwards copy does. */
static void a_fault_with_the_direction_flag_set_zeroes_its_frame_forwards(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(1, true);
    struct mm_info before, after;
    mm_forget_zeroed_pages();
    mm_query(&before);
    __asm__ volatile("std\n\t"
                     "movl %1, (%0)\n\t"
                     "cld"
                     :
                     : "r"(p + 7), "r"(0xD1F0D1F0u)
                     : "memory", "cc");
    mm_query(&after);
    uint32_t other = 0;
    for (unsigned i = 0; i < 1024; i++)
        other |= i == 7 ? 0 : p[i];
    KT_EXPECT(t, p[7] == 0xD1F0D1F0u && other == 0);
    KT_EXPECT(t, after.faults_dz == before.faults_dz + 1 && after.frames_zeroed == 0);
    pool_pages_free((void *)p, 1);
}

static const struct ktest_case page_fault_cases[] = {
    { "a_page_fault_reaches_the_vectors_handler_with_the_uniform_frame",
      a_page_fault_reaches_the_vectors_handler_with_the_uniform_frame },
    { "a_fault_inside_the_page_fault_handler_nests", a_fault_inside_the_page_fault_handler_nests },
    { "a_fault_with_the_direction_flag_set_zeroes_its_frame_forwards",
      a_fault_with_the_direction_flag_set_zeroes_its_frame_forwards },
};
KTEST_SUITE(page_fault_suite, "page_fault", page_fault_cases);
