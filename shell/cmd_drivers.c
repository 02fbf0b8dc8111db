/* drivers, load, unload: the built-in drivers (drivers/driver.h) from the console. */
#include "shell/cmd_drivers.h"

#include "kernel/console.h"
#include "drivers/driver.h"
#include "shell/args.h"

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

static const struct builtin_driver *named_driver(char **argv)
{
    const struct builtin_driver *d = driver_find(argv[1]);
    if (!d)
        console_error("%s: '%s': no such driver (see 'drivers')", argv[0], argv[1]);
    return d;
}

int cmd_drivers(int argc, char **argv)
{
    kprintf("Driver          State     Allocs      Bytes\n");
    unsigned cursor = 0;
    const struct builtin_driver *d;
    while ((d = driver_next(&cursor))) {
        const struct verifier_driver *v = &d->state->verifier;
        kprintf("%-15s %-8s", d->name, d->state->loaded ? "loaded" : "unloaded");
        if (v->flags & VERIFIER_TRACK_POOL)
            kprintf(" %7u %10u\n", v->live_allocations, v->live_bytes);
        else
            kprintf(" %7s %10s\n", "-", "-");
    }
    return 0;
}

int cmd_load(int argc, char **argv)
{
    const struct builtin_driver *d = named_driver(argv);
    if (!d)
        return -1;
    if (d->state->loaded) {
        console_error("load: %s is loaded already", d->name);
        return -1;
    }
    struct leak_list leaks = { &d->state->verifier, 0 };
    NTSTATUS status = driver_load(d, print_leak, &leaks);
    if (!NT_SUCCESS(status)) {
        console_error("load: DriverEntry of %s returned 0x%08x", d->name, (unsigned)status);
        return -1;
    }
    kprintf("%s loaded\n", d->name);
    return 0;
}

int cmd_unload(int argc, char **argv)
{
    const struct builtin_driver *d = named_driver(argv);
    if (!d)
        return -1;
    if (!d->state->loaded) {
        console_error("unload: %s is not loaded", d->name);
        return -1;
    }
    struct leak_list leaks = { &d->state->verifier, 0 };
    if (!driver_unload(d, print_leak, &leaks)) {
        console_error("unload: %s has no DriverUnload routine", d->name);
        return -1;
    }
    kprintf("%s unloaded\n", d->name);
    return 0;
}
