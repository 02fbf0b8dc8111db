/* The current thread's kernel stack, as IoGetStackLimits and IoGetInitialStack report it: a system
 * thread's 16 KiB (drivers/ps_thread.c; its lowest word is the overflow canary, so the usable limit
 * is one word up), the boot thread's the boot stack (boot/multiboot.asm), where the console, DriverEntry
 * and DriverUnload run. */
#include "kernel/thread.h"

extern char boot_stack_bottom[], boot_stack_top[];

static void limits(uintptr_t *low, uintptr_t *high)
{
    PKTHREAD t = KeGetCurrentThread();
    *low = t->stack_limit ? t->stack_limit + sizeof(uint32_t) : (uintptr_t)boot_stack_bottom;
    *high = t->stack_limit ? t->stack_base : (uintptr_t)boot_stack_top;
}

VOID NTAPI IoGetStackLimits(PULONG_PTR LowLimit, PULONG_PTR HighLimit)
{
    limits(LowLimit, HighLimit);
}

/* The top: where the thread's first frame began. */
PVOID NTAPI IoGetInitialStack(VOID)
{
    uintptr_t low, high;
    limits(&low, &high);
    return (PVOID)high;
}
