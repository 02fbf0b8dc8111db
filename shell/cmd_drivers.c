/* drivers, load, unload: the driver images (drivers/driver.h) from the console; call: a routine called as
 * a driver calls it; threads: the threads, and whose image each started in. */
#include "shell/cmd_drivers.h"

#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/thread.h"
#include "drivers/driver.h"
#include "drivers/exports.h"
#include "shell/args.h"
#include "shell/status_names.h"

/* Every handler has the table's signature; those that take no words leave argc or argv unused. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define LEAK_ROWS_SHOWN 16

struct leak_list {
    const struct verifier_driver *driver;
    unsigned rows;
};

/* The verifier's report before 0xC4/0x62, one block a line as !verifier 3 lists them, by tag. */
static bool print_leak(void *ctx, const struct verifier_allocation *a)
{
    struct leak_list *l = ctx;
    if (l->rows == 0)
        kprintf("verifier: driver %s leaves %u allocations (%u bytes) behind:\nTag  Pool       Bytes  Address\n",
                l->driver->name, l->driver->live_allocations, l->driver->live_bytes);
    if (l->rows++ == LEAK_ROWS_SHOWN) {
        kprintf("...\n");
        return false;
    }
    char tag[5];
    kprintf("%-4s %-5s %10u  0x%08x\n", args_format_tag(a->tag, tag), pool_kind_name(a->kind), a->bytes,
            (unsigned)a->address);
    return true;
}

static struct driver *named_driver(char **argv)
{
    struct driver *d = driver_find(argv[1]);
    if (!d)
        console_error("%s: '%s': no such driver (see 'drivers')", argv[0], argv[1]);
    return d;
}

/* Like WinDbg's lm: where each image lies, and what its code's pool calls are charged with now (the
 * blocks it allocated and nobody freed yet, and their block bytes, as poolmon counts them). */
int cmd_drivers(int argc, char **argv)
{
    kprintf("Driver          State     Base        Size     Allocs      Bytes\n");
    unsigned cursor = 0;
    struct driver *d;
    while ((d = driver_next(&cursor))) {
        const struct verifier_driver *v = d->verifier;
        kprintf("%-15s %-8s", d->name, driver_status_name(d->status));
        if (d->status == DRIVER_LOADED)
            kprintf("  0x%08x  0x%06x", d->image.base, d->image.size);
        else
            kprintf("  %-10s  %-8s", "-", "-");
        kprintf(" %7u %10u\n", v->allocations, v->bytes);
    }
    return 0;
}

int cmd_load(int argc, char **argv)
{
    struct driver *d = named_driver(argv);
    if (!d)
        return -1;
    if (d->status == DRIVER_LOADED) {
        console_error("load: %s is loaded already", d->name);
        return -1;
    }
    struct leak_list leaks = { d->verifier, 0 };
    const char *why;
    NTSTATUS status = driver_load(d, &why, print_leak, &leaks);
    if (why) {
        console_error("load: %s: %s", d->name, why);
        return -1;
    }
    if (!NT_SUCCESS(status)) {
        const char *name = status_name(status);
        console_error("load: %s: DriverEntry returned %s (0x%08x)", d->name, name ? name : "an NTSTATUS",
                      (unsigned)status);
        return -1;
    }
    kprintf("%s loaded at 0x%08x\n", d->name, d->image.base);
    return 0;
}

int cmd_unload(int argc, char **argv)
{
    struct driver *d = named_driver(argv);
    if (!d)
        return -1;
    if (d->status != DRIVER_LOADED) {
        console_error("unload: %s is not loaded", d->name);
        return -1;
    }
    struct leak_list leaks = { d->verifier, 0 };
    if (!driver_unload(d, print_leak, &leaks)) {
        console_error("unload: %s has no DriverUnload routine", d->name);
        return -1;
    }
    kprintf("%s unloaded\n", d->name);
    return 0;
}

/* Calls routine with four arguments; whether it is stdcall (pops them) or cdecl (leaves them), the
 * stack pointer is put back afterwards, and extra arguments are harmless. eax is what it returns. */
static uint32_t call_with_four(uint32_t routine, const uint32_t args[4])
{
    uint32_t result;
    __asm__ volatile("mov %%esp, %%esi\n\t"
                     "pushl 12(%2)\n\tpushl 8(%2)\n\tpushl 4(%2)\n\tpushl (%2)\n\t"
                     "call *%1\n\t"
                     "mov %%esi, %%esp"
                     : "=a"(result)
                     : "r"(routine), "r"(args)
                     : "esi", "ecx", "edx", "memory", "cc");
    return result;
}

/* An export of ntoskrnl.exe or HAL.dll by name, or any routine by address, called at the console's
 * IRQL (`at` raises it) with up to four 32-bit arguments, as a driver would call it. */
int cmd_call(int argc, char **argv)
{
    uint32_t routine = (uint32_t)exports_find(argv[1]), args[4] = { 0 };
    if (!routine && args_parse_address(argv[1], &routine)) {
        console_error("call: '%s': no export of ntoskrnl.exe or HAL.dll, and not an address", argv[1]);
        return -1;
    }
    for (int i = 2; i < argc; i++)
        if (!args_u32("call", argv[i], 0, UINT32_MAX, &args[i - 2]))
            return -1;
    kprintf("0x%08x\n", call_with_four(routine, args));
    return 0;
}

#define THREAD_ROWS 64

struct thread_row {
    ULONG id;
    const char *state;
    KPRIORITY priority;
    uint32_t switches;
    uintptr_t start;
    bool current;
};

/* The loaded image holding address, or NULL. */
static const struct driver *image_of(uintptr_t address)
{
    unsigned cursor = 0;
    struct driver *d;
    while ((d = driver_next(&cursor)))
        if (d->status == DRIVER_LOADED && address - d->image.base < d->image.size)
            return d;
    return 0;
}

/* Like !process 4 7's thread list, one row each: id, state, priority, times switched to, start routine
 * and the image it lies in (the boot thread runs this console). Taken with interrupts off, then printed. */
int cmd_threads(int argc, char **argv)
{
    static struct thread_row rows[THREAD_ROWS];
    unsigned n = 0, more = 0;
    uint32_t flags = cpu_save_and_disable_interrupts();
    for (PKTHREAD t = thread_next(0); t; t = thread_next(t)) {
        if (n == THREAD_ROWS) {
            more++;
            continue;
        }
        rows[n++] = (struct thread_row){ t->id, thread_state_name(t), t->priority, t->switches,
                                         (uintptr_t)t->start_routine, t == ke_current_thread };
    }
    cpu_restore_interrupts(flags);
    kprintf("  Id State      Pri  Switches  Start       Image\n");
    for (unsigned i = 0; i < n; i++) {
        const struct thread_row *r = &rows[i];
        const struct driver *d = r->start ? image_of(r->start) : 0;
        kprintf("%4u %-10s %3d %9u  ", (unsigned)r->id, r->state, (int)r->priority, r->switches);
        if (r->start)
            kprintf("0x%08x  %s\n", (unsigned)r->start, d ? d->name : "kernel");
        else
            kprintf("%-10s  %s\n", "-", "kernel (console)");
    }
    if (more)
        kprintf("... %u more\n", more);
    return 0;
}
