/* A tiny driver model: built-in drivers, each registered with DRIVER_BUILTIN (in the .builtin_drivers
 * section, as ktest suites are: no central list), loaded and unloaded from the console. While a
 * driver's DriverEntry or DriverUnload runs, it is the verifier's current driver, so the pool
 * attributes what it allocates to it (tracking, per-driver special pool). There are no threads and no
 * I/O requests, so the driver's own code runs only inside those two calls. */
#ifndef PAGODA_DRIVER_H
#define PAGODA_DRIVER_H

#include <stdbool.h>

#include "kernel/wdm.h"
#include "pool/verifier.h"

#define DRIVER_NAME_MAX 15
#define DRIVER_NAME_PREFIX "\\Driver\\"

struct driver_state {
    DRIVER_OBJECT object;
    WCHAR name[sizeof(DRIVER_NAME_PREFIX) + DRIVER_NAME_MAX];
    struct verifier_driver verifier; /* its switches stay across loads */
    bool loaded;
};

struct builtin_driver {
    const char *name; /* at most DRIVER_NAME_MAX characters */
    PDRIVER_INITIALIZE entry;
    struct driver_state *state;
};

#define DRIVER_BUILTIN(ident, driver_name, driver_entry)                                              \
    static struct driver_state ident##_state;                                                         \
    static const struct builtin_driver ident = { driver_name, driver_entry, &ident##_state };         \
    static const struct builtin_driver *const ident##_entry                                           \
        __attribute__((used, section(".builtin_drivers"))) = &ident

/* Iteration: start with *cursor = 0; NULL at the end. */
const struct builtin_driver *driver_next(unsigned *cursor);
const struct builtin_driver *driver_find(const char *name);

typedef verifier_leak_report driver_leak_report;

/* Runs DriverEntry as the current driver. A failure status leaves it unloaded (and what it left
 * allocated is checked as on an unload). */
NTSTATUS driver_load(const struct builtin_driver *d, driver_leak_report *report, void *ctx);
/* Runs DriverUnload as the current driver, then lets the verifier check what it left: with tracking on
 * and allocations live, report sees each, then bugcheck 0xC4/0x62. False if it has no DriverUnload. */
bool driver_unload(const struct builtin_driver *d, driver_leak_report *report, void *ctx);

#endif
