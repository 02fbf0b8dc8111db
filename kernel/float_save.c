/* KeSaveFloatingPointState and KeRestoreFloatingPointState. The kernel never touches the FPU, so its
 * state is whatever the drivers' code between a save and its restore leaves: a save keeps the whole
 * state (FXSAVE: x87 and SSE; FNSAVE without FXSR) on a stack of save areas, one per nesting level,
 * and gives the caller a fresh one (x87 control word 0x27F, Windows' for threads; MXCSR 0x1F80); the
 * restore puts the saved state back. Misuse is Windows' 0xE7 INVALID_FLOATING_POINT_STATE: a
 * KFLOATING_SAVE that is not the innermost save in progress (p1 0, p2 its Spare1, the save area it
 * names), or a restore at another IRQL than its save's (p1 1, p2 the saved IRQL, p3 the current). A
 * save when every area is in use (more than 16 levels) fails with STATUS_INSUFFICIENT_RESOURCES, one
 * on a CPU without an FPU with STATUS_ILLEGAL_FLOAT_CONTEXT, as the WDK documents. */
#include <stdint.h>

#include "hal/cpu.h"
#include "hal/fpu.h"
#include "kernel/bugcheck.h"
#include "kernel/wdm.h"

#define LEVELS 16
#define FRESH_CONTROL_WORD 0x27F
#define FRESH_MXCSR 0x1F80
#define SAVE_VALID 0x1 /* Cr0NpxState of a KFLOATING_SAVE this file filled */
#define BAD_SAVE 0
#define BAD_IRQL 1

struct save_area {
    uint8_t state[512]; /* FXSAVE's image, or FNSAVE's 108 bytes */
    PKFLOATING_SAVE owner;
    KIRQL irql;
} __attribute__((aligned(16)));

static struct save_area areas[LEVELS];
static unsigned depth; /* areas[0 .. depth-1] hold saves in progress, the innermost last */

NTSTATUS NTAPI KeSaveFloatingPointState(PKFLOATING_SAVE FloatSave)
{
    enum fpu_kind kind = fpu_kind();
    if (kind == FPU_NONE)
        return STATUS_ILLEGAL_FLOAT_CONTEXT;
    uint32_t flags = cpu_save_and_disable_interrupts();
    if (depth == LEVELS) {
        cpu_restore_interrupts(flags);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    struct save_area *a = &areas[depth++];
    uint16_t fresh_cw = FRESH_CONTROL_WORD;
    uint32_t fresh_mxcsr = FRESH_MXCSR;
    if (kind >= FPU_FXSR)
        __asm__ volatile("fxsave %0" : "=m"(a->state));
    else
        __asm__ volatile("fnsave %0; fwait" : "=m"(a->state));
    __asm__ volatile("fninit; fldcw %0" : : "m"(fresh_cw));
    if (kind == FPU_SSE)
        __asm__ volatile("ldmxcsr %0" : : "m"(fresh_mxcsr));
    a->owner = FloatSave;
    a->irql = KeGetCurrentIrql();
    /* FXSAVE keeps the control and status words in 16 bits each, FNSAVE in 32 */
    const uint16_t *words = (const uint16_t *)a->state;
    *FloatSave = (KFLOATING_SAVE){ .ControlWord = words[0], .StatusWord = words[kind >= FPU_FXSR ? 1 : 2],
                                   .Cr0NpxState = SAVE_VALID, .Spare1 = (ULONG)(uintptr_t)a };
    cpu_restore_interrupts(flags);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI KeRestoreFloatingPointState(PKFLOATING_SAVE FloatSave)
{
    uint32_t flags = cpu_save_and_disable_interrupts();
    struct save_area *a = depth ? &areas[depth - 1] : 0;
    if (!a || FloatSave->Cr0NpxState != SAVE_VALID || FloatSave->Spare1 != (ULONG)(uintptr_t)a || a->owner != FloatSave)
        KeBugCheckEx(BUGCHECK_INVALID_FLOATING_POINT_STATE, BAD_SAVE, FloatSave->Spare1, 0, 0);
    if (a->irql != KeGetCurrentIrql())
        KeBugCheckEx(BUGCHECK_INVALID_FLOATING_POINT_STATE, BAD_IRQL, a->irql, KeGetCurrentIrql(), 0);
    if (fpu_kind() >= FPU_FXSR)
        __asm__ volatile("fxrstor %0" : : "m"(a->state));
    else
        __asm__ volatile("frstor %0" : : "m"(a->state));
    FloatSave->Cr0NpxState = 0; /* restored once: a second restore of it is caught */
    depth--;
    cpu_restore_interrupts(flags);
    return STATUS_SUCCESS;
}
