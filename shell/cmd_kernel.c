/* Commands about the kernel and the machine: irql, uptime, poweroff, and crash and bugcheck, which
 * stop it on purpose, as NotMyFault does on Windows: to see each bugcheck screen and to test them. */
#include "drivers/io_shutdown.h"
#include "shell/cmd_kernel.h"

#include "hal/qemu_exit.h"
#include "kernel/bugcheck.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "shell/args.h"

/* Every handler has the table's signature; those that take no words leave argc or argv unused. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

int cmd_irql(int argc, char **argv)
{
    KIRQL irql = KeGetCurrentIrql();
    kprintf("%u (%s)\n", irql, irql_name(irql));
    return 0;
}

int cmd_uptime(int argc, char **argv)
{
    uint64_t t = clock_ticks();
    kprintf("ticks=%llu seconds=%llu hz=%u\n", (unsigned long long)t, (unsigned long long)(t / CLOCK_HZ),
            CLOCK_HZ);
    return 0;
}

int cmd_poweroff(int argc, char **argv)
{
    io_shutdown(); /* drivers' devices registered for IRP_MJ_SHUTDOWN get it first */
    kprintf("powering off\n");
    qemu_exit(QEMU_EXIT_POWEROFF);
}

static void crash_null(void)
{
    volatile uint32_t *null = 0;
    (void)*null;
}

static void crash_divide(void)
{
    __asm__ volatile("xor %%edx, %%edx; xor %%eax, %%eax; xor %%ecx, %%ecx; div %%ecx" ::: "eax", "ecx", "edx");
}

static void crash_invalid_opcode(void)
{
    __asm__ volatile("ud2");
}

static void crash_general_protection(void)
{
    __asm__ volatile("mov $0x0FF8, %%ax; mov %%ax, %%ds" ::: "eax"); /* a selector past the GDT limit */
}

/* A real double fault: with the stack on an unmapped page, the CPU cannot push the frame of the #UD,
 * and the page fault that causes cannot be pushed either. */
static void crash_double_fault(void)
{
    __asm__ volatile("mov $0x1000, %%esp; ud2" ::: "memory");
}

/* Unbounded recursion runs the boot stack into its guard page: the CPU cannot push the page fault's
 * frame there either, so it is a double fault, handled on the double-fault task's own stack. */
static volatile unsigned overflow_depth_limit = 0xFFFFFFFFu; /* never reached: hides the recursion */

static unsigned overflow_stack(unsigned depth)
{
    volatile char frame[256];
    frame[0] = (char)depth;
    if (depth == overflow_depth_limit)
        return 0;
    return overflow_stack(depth + 1) + frame[0];
}

static void crash_stack_overflow(void)
{
    overflow_stack(0);
}

static void crash_breakpoint(void)
{
    __asm__ volatile("int3");
}

/* IRQL_NOT_GREATER_OR_EQUAL: raising to a level below the current one. */
static void crash_irql_raise(void)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeRaiseIrql(PASSIVE_LEVEL, &old);
}

/* IRQL_NOT_LESS_OR_EQUAL: "lowering" to a level above the current one. */
static void crash_irql_lower(void)
{
    KeLowerIrql(DISPATCH_LEVEL);
}

/* SPIN_LOCK_ALREADY_OWNED: taking a spinlock that is already held. */
static void crash_spinlock(void)
{
    static KSPIN_LOCK lock;
    KIRQL old, again;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    KeAcquireSpinLock(&lock, &again);
}

/* SPIN_LOCK_NOT_OWNED: releasing a spinlock that nobody holds. */
static void crash_spinlock_release(void)
{
    static KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    KeReleaseSpinLock(&lock, PASSIVE_LEVEL);
}

/* SYSTEM_PTE_MISUSE: unmapping what MmMapIoSpace never mapped (here, a page of nonpaged pool). */
static void crash_unmap_io(void)
{
    MmUnmapIoSpace(ExAllocatePoolWithTag(NonPagedPool, 4096, 'omnU'), 4096);
}

static const struct {
    const char *name;
    void (*cause)(void);
} kinds[] = {
    { "null", crash_null },
    { "div", crash_divide },
    { "ud", crash_invalid_opcode },
    { "gp", crash_general_protection },
    { "df", crash_double_fault },
    { "int3", crash_breakpoint },
    { "irql-raise", crash_irql_raise },
    { "irql-lower", crash_irql_lower },
    { "spinlock", crash_spinlock },
    { "spinlock-release", crash_spinlock_release },
    { "unmap-io", crash_unmap_io },
    { "stack", crash_stack_overflow },
};

int cmd_crash(int argc, char **argv)
{
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(argv[1], kinds[i].name) == 0) {
            kinds[i].cause();
            console_error("crash %s did not crash", argv[1]);
            return -1;
        }
    kprintf("error: unknown crash kind '%s' (one of:", argv[1]);
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        kprintf(" %s", kinds[i].name);
    console_puts(")\n");
    return -1;
}

int cmd_bugcheck(int argc, char **argv)
{
    uint32_t v[5] = { 0 };
    for (int i = 1; i < argc; i++)
        if (!args_u32("bugcheck", argv[i], 0, UINT32_MAX, &v[i - 1]))
            return -1;
    KeBugCheckEx(v[0], v[1], v[2], v[3], v[4]);
}
