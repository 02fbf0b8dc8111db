/* The floating-point unit, which the kernel itself never uses (-mgeneral-regs-only): set up once at
 * boot so that drivers can, between KeSaveFloatingPointState and KeRestoreFloatingPointState
 * (kernel/float_save.c). */
#ifndef PAGODA_FPU_H
#define PAGODA_FPU_H

#include <stdint.h>

enum fpu_kind { FPU_NONE, FPU_X87, FPU_FXSR, FPU_SSE }; /* each includes what comes before */

/* x87 instructions allowed and reporting errors as #MF (CR0: EM and TS clear, MP and NE set); with
 * FXSR, FXSAVE covers the SSE registers and SSE is allowed, its errors as #XM (CR4.OSFXSR,
 * OSXMMEXCPT); a fresh x87 state. Returns what the CPU has. */
enum fpu_kind fpu_init(void);
/* What fpu_init found. */
enum fpu_kind fpu_kind(void);

#endif
