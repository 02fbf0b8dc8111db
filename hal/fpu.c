#include "hal/fpu.h"

#include "hal/cpu.h"

static enum fpu_kind kind;

enum fpu_kind fpu_init(void)
{
    uint32_t features = cpu_features_edx();
    kind = !(features & CPUID_FPU) ? FPU_NONE
           : !(features & CPUID_FXSR) ? FPU_X87
           : !(features & CPUID_SSE)  ? FPU_FXSR
                                      : FPU_SSE;
    if (kind == FPU_NONE)
        return kind;
    cpu_write_cr0((cpu_read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
    if (kind >= FPU_FXSR)
        cpu_set_cr4_bits(CR4_OSFXSR | (kind == FPU_SSE ? CR4_OSXMMEXCPT : 0));
    __asm__ volatile("fninit");
    return kind;
}

enum fpu_kind fpu_kind(void)
{
    return kind;
}
