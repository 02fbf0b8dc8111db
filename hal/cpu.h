/* CPU intrinsics, one copy each. The interrupt flag: on one CPU, turning interrupts off is all the
 * exclusion a short critical section needs; the IRQL machinery itself and the DPC and timer queues use
 * it. Control registers, the TLB and the time-stamp counter for the memory manager, the bugcheck
 * screen and the benchmarks. */
#ifndef PAGODA_CPU_H
#define PAGODA_CPU_H

#include <stdint.h>

#define EFLAGS_IF 0x200u

static inline void cpu_enable_interrupts(void)
{
    __asm__ volatile("sti" ::: "memory");
}

static inline void cpu_disable_interrupts(void)
{
    __asm__ volatile("cli" ::: "memory");
}

/* Sleeps until the next interrupt (interrupts must be on). */
static inline void cpu_halt(void)
{
    __asm__ volatile("hlt" ::: "memory");
}

/* Turns interrupts on and sleeps: sti takes effect only after the hlt has begun, so an interrupt that
 * was held off by a preceding cli cannot slip in between and be slept through. */
static inline void cpu_enable_interrupts_and_halt(void)
{
    __asm__ volatile("sti; hlt" ::: "memory");
}

/* The end of the line: interrupts off, halted for good. */
static inline __attribute__((noreturn)) void cpu_stop(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* Returns the flags to give back to cpu_restore_interrupts. */
static inline uint32_t cpu_save_and_disable_interrupts(void)
{
    uint32_t flags;
    __asm__ volatile("pushf; pop %0; cli" : "=r"(flags) : : "memory");
    return flags;
}

static inline void cpu_restore_interrupts(uint32_t flags)
{
    __asm__ volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
}

#define CR0_WP (1u << 16) /* write protection holds for the kernel too */

static inline uint32_t cpu_read_cr0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void cpu_write_cr0(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

#define CR0_MP (1u << 1) /* WAIT/FWAIT honour TS */
#define CR0_EM (1u << 2) /* x87 instructions trap (#NM) */
#define CR0_TS (1u << 3) /* the next x87/SSE instruction traps (#NM) */
#define CR0_NE (1u << 5) /* x87 errors as #MF, not the old IRQ 13 */
#define CR4_OSFXSR (1u << 9)     /* FXSAVE/FXRSTOR cover the SSE state, SSE instructions allowed */
#define CR4_OSXMMEXCPT (1u << 10) /* SSE errors as #XM */

/* CR4 |= bits. */
static inline void cpu_set_cr4_bits(uint32_t bits)
{
    __asm__ volatile("mov %%cr4, %%eax\n\tor %0, %%eax\n\tmov %%eax, %%cr4" : : "r"(bits) : "eax", "memory");
}

/* CPUID leaf 1's feature bits in EDX. */
#define CPUID_FPU (1u << 0)
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE (1u << 25)
static inline uint32_t cpu_features_edx(void)
{
    uint32_t a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return d;
}

/* The faulting address of the last page fault. */
static inline uint32_t cpu_read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t cpu_read_cr3(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}

/* Reloading CR3 flushes every TLB entry. */
static inline void cpu_flush_tlb(void)
{
    __asm__ volatile("mov %%cr3, %%eax; mov %%eax, %%cr3" : : : "eax", "memory");
}

static inline void cpu_invlpg(uint32_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* Under QEMU's -icount shift=0 this counts guest instructions: the in-kernel benchmarks' clock. */
static inline uint64_t cpu_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

#endif
