/* Calls from the kernel into code that may be a driver's: DriverEntry and DriverUnload, DPC routines,
 * lookaside lists' Allocate and Free routines. They go through one trampoline, so that each returns to
 * the same address, callout_return, and the kernel keeps a stack of the routines called so.
 *
 * Why: a driver function may end in a jump to the routine it calls last (GCC's sibling call, made when
 * both take the same bytes of arguments: a DriverUnload that ends with ExFreePool). That routine's
 * return address is then not in the driver but where the kernel called the driver: callout_return.
 * The routines that judge their caller by its return address (kernel/driver_code.h) then know the
 * caller is the routine the innermost callout entered. */
#ifndef PAGODA_CALLOUT_H
#define PAGODA_CALLOUT_H

#include <stdint.h>

extern const char callout_return[];

/* Calls the stdcall routine with nargs arguments (at most 4), as the innermost callout, and returns
 * what it returns in its return register (a VOID routine's: anything). */
uintptr_t callout_stdcall(const void *routine, unsigned nargs, const uintptr_t *args);
/* The routine the innermost callout in progress entered, or NULL. */
const void *callout_innermost(void);

/* The stack of callouts belongs to the thread that made them: a thread switch keeps the outgoing
 * thread's and brings back the incoming one's (kernel/sched.c). A new thread's is all zero. */
#define CALLOUT_DEPTH 8 /* passive code, a DPC over it, an Allocate routine inside that: deep enough */
struct callout_state {
    unsigned depth;
    const void *entered[CALLOUT_DEPTH];
};
void callout_switch(struct callout_state *save, const struct callout_state *load);

#endif
