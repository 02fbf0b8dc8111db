#include "drivers/driver.h"

#include "kernel/lib/kstring.h"

extern const struct builtin_driver *const builtin_drivers_start[];
extern const struct builtin_driver *const builtin_drivers_end[];

const struct builtin_driver *driver_next(unsigned *cursor)
{
    const struct builtin_driver *const *d = builtin_drivers_start + *cursor;
    if (d >= builtin_drivers_end)
        return 0;
    (*cursor)++;
    return *d;
}

const struct builtin_driver *driver_find(const char *name)
{
    unsigned cursor = 0;
    const struct builtin_driver *d;
    while ((d = driver_next(&cursor)))
        if (strcmp(d->name, name) == 0)
            return d;
    return 0;
}

/* A fresh DRIVER_OBJECT named L"\Driver\<name>". */
static void init_object(const struct builtin_driver *d)
{
    struct driver_state *s = d->state;
    USHORT n = 0;
    for (const char *c = DRIVER_NAME_PREFIX; *c; c++)
        s->name[n++] = (WCHAR)*c;
    for (const char *c = d->name; *c && n < sizeof(s->name) / sizeof(s->name[0]); c++)
        s->name[n++] = (WCHAR)*c;
    s->object = (DRIVER_OBJECT){
        .DriverName = { (USHORT)(n * sizeof(WCHAR)), (USHORT)sizeof(s->name), s->name },
        .DriverInit = d->entry,
    };
    s->verifier.name = d->name;
    s->verifier.name_string = &s->object.DriverName;
}

static void finish(const struct builtin_driver *d, driver_leak_report *report, void *ctx)
{
    d->state->loaded = false;
    verifier_driver_unloaded(&d->state->verifier, report, ctx);
}

NTSTATUS driver_load(const struct builtin_driver *d, driver_leak_report *report, void *ctx)
{
    init_object(d);
    struct verifier_driver *before = verifier_enter_driver(&d->state->verifier);
    NTSTATUS status = d->entry(&d->state->object, 0);
    verifier_enter_driver(before);
    d->state->loaded = NT_SUCCESS(status);
    if (!d->state->loaded)
        finish(d, report, ctx);
    return status;
}

bool driver_unload(const struct builtin_driver *d, driver_leak_report *report, void *ctx)
{
    PDRIVER_UNLOAD unload = d->state->object.DriverUnload;
    if (!unload)
        return false;
    struct verifier_driver *before = verifier_enter_driver(&d->state->verifier);
    unload(&d->state->object);
    verifier_enter_driver(before);
    finish(d, report, ctx);
    return true;
}
