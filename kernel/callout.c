#include "kernel/callout.h"
#include "kernel/lib/kstring.h"

static const void *entered[CALLOUT_DEPTH];
static unsigned depth;

#if defined(__i386__)
/* uintptr_t invoke(const void *routine, unsigned nargs, const uintptr_t *args), cdecl: pushes the
 * arguments last to first and calls; the stdcall routine pops them. Its CFI lets GDB unwind from a
 * driver's routine through it to the kernel's caller. */
uintptr_t callout_invoke(const void *routine, unsigned nargs, const uintptr_t *args);
__asm__(".text\n"
        ".globl callout_invoke\n"
        ".type callout_invoke, @function\n"
        "callout_invoke:\n"
        "  .cfi_startproc\n"
        "  push %ebp\n"
        "  .cfi_def_cfa_offset 8\n"
        "  .cfi_offset %ebp, -8\n"
        "  mov %esp, %ebp\n"
        "  .cfi_def_cfa_register %ebp\n"
        "  push %esi\n"
        "  .cfi_offset %esi, -12\n"
        "  mov 12(%ebp), %ecx\n"
        "  mov 16(%ebp), %esi\n"
        "1:\n"
        "  test %ecx, %ecx\n"
        "  jz 2f\n"
        "  dec %ecx\n"
        "  pushl (%esi,%ecx,4)\n"
        "  jmp 1b\n"
        "2:\n"
        "  call *8(%ebp)\n"
        ".globl callout_return\n"
        "callout_return:\n"
        "  lea -4(%ebp), %esp\n"
        "  pop %esi\n"
        "  pop %ebp\n"
        "  .cfi_def_cfa %esp, 4\n"
        "  ret\n"
        "  .cfi_endproc\n"
        ".size callout_invoke, . - callout_invoke\n");
#else
/* The host build: no sibling call lands here (x86-64 passes the arguments in registers), so a plain call
 * through the routine's pointer does, and callout_return is an address nothing returns to. */
const char callout_return[1];

static uintptr_t callout_invoke(const void *routine, unsigned nargs, const uintptr_t *a)
{
    switch (nargs) {
    case 1:
        return ((uintptr_t (*)(uintptr_t))routine)(a[0]);
    case 2:
        return ((uintptr_t (*)(uintptr_t, uintptr_t))routine)(a[0], a[1]);
    case 3:
        return ((uintptr_t (*)(uintptr_t, uintptr_t, uintptr_t))routine)(a[0], a[1], a[2]);
    default:
        return ((uintptr_t (*)(uintptr_t, uintptr_t, uintptr_t, uintptr_t))routine)(a[0], a[1], a[2], a[3]);
    }
}
#endif

/* The depth is taken in one atomic step before the slot is written: a DPC that interrupts in between
 * takes the next slot and gives it back before this one is used. */
uintptr_t callout_stdcall(const void *routine, unsigned nargs, const uintptr_t *args)
{
    unsigned d = __atomic_fetch_add(&depth, 1, __ATOMIC_RELAXED);
    if (d < CALLOUT_DEPTH)
        entered[d] = routine;
    uintptr_t result = callout_invoke(routine, nargs, args);
    __atomic_store_n(&depth, d, __ATOMIC_RELAXED);
    return result;
}

const void *callout_innermost(void)
{
    unsigned d = depth;
    return d && d <= CALLOUT_DEPTH ? entered[d - 1] : 0;
}

void callout_switch(struct callout_state *save, const struct callout_state *load)
{
    save->depth = depth;
    memcpy(save->entered, entered, sizeof(entered));
    depth = load->depth;
    memcpy(entered, load->entered, sizeof(entered));
}
