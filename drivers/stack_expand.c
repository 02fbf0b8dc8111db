/* KeExpandKernelStackAndCallout(Ex): the callout on a stack with at least Size bytes left. When the
 * current stack has them, it runs there; else on a fresh nonpaged stack of that size (with the thread's
 * limits moved to it meanwhile, so IoGetStackLimits and the scheduler's canary check see the stack in
 * use), freed after. */
#include "kernel/callout.h"
#include "kernel/thread.h"
#include "mm/layout.h"
#include "mm/pool_pages.h"

static uintptr_t current_esp(void)
{
    uintptr_t esp;
    __asm__ volatile("mov %%esp, %0" : "=r"(esp));
    return esp;
}

/* callout_stdcall(routine, 1, args) with ESP at top, and ESP back after. One register carries all three:
 * the call clobbers the rest. */
static void call_on(uintptr_t top, const void *routine, const uintptr_t *args)
{
    const uintptr_t call[] = { top, (uintptr_t)routine, (uintptr_t)args };
    __asm__ volatile("mov %%esp, %%esi\n\t"
                     "mov 0(%0), %%esp\n\t"
                     "pushl 8(%0)\n\t"
                     "pushl $1\n\t"
                     "pushl 4(%0)\n\t"
                     "call callout_stdcall\n\t"
                     "mov %%esi, %%esp"
                     :
                     : "D"(call)
                     : "esi", "eax", "ecx", "edx", "memory", "cc");
}

static NTSTATUS on_fresh_stack(const void *routine, const uintptr_t *args, SIZE_T size)
{
    size_t pages = (size + sizeof(uint32_t) + PAGE_SIZE - 1) / PAGE_SIZE; /* its lowest word the canary */
    void *stack = pool_pages_alloc(pages, false);
    if (!stack)
        return STATUS_NO_MEMORY;
    PKTHREAD t = KeGetCurrentThread();
    uintptr_t limit = t->stack_limit, base = t->stack_base;
    *(uint32_t *)stack = THREAD_STACK_CANARY;
    t->stack_limit = (uintptr_t)stack;
    t->stack_base = (uintptr_t)stack + pages * PAGE_SIZE;
    call_on(t->stack_base, routine, args);
    t->stack_limit = limit;
    t->stack_base = base;
    pool_pages_free(stack, pages);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI KeExpandKernelStackAndCallout(PEXPAND_STACK_CALLOUT Callout, PVOID Parameter, SIZE_T Size)
{
    if (Size > MAXIMUM_EXPANSION_SIZE)
        return STATUS_INVALID_PARAMETER_2;
    uintptr_t args[] = { (uintptr_t)Parameter };
    ULONG_PTR low, high;
    IoGetStackLimits(&low, &high);
    if (current_esp() - low >= Size) {
        callout_stdcall((const void *)Callout, 1, args);
        return STATUS_SUCCESS;
    }
    return on_fresh_stack((const void *)Callout, args, Size);
}

/* Wait (whether the caller may wait for the stack's memory) and Context (reserved) change nothing here:
 * the stack comes from nonpaged pages at once or not at all. */
NTSTATUS NTAPI KeExpandKernelStackAndCalloutEx(PEXPAND_STACK_CALLOUT Callout, PVOID Parameter, SIZE_T Size,
                                               BOOLEAN Wait, PVOID Context)
{
    (void)Wait, (void)Context;
    return KeExpandKernelStackAndCallout(Callout, Parameter, Size);
}
