/* Driver Verifier for the pool, switched at run time: special pool per tag (the tag table's flags) or
 * per driver, pool tracking per driver (every live allocation of a driver recorded; unloading with
 * some left is 0xC4/0x62), and low-resources simulation (a share of allocations fails). Portable C,
 * like the pool: the driver model (drivers/driver.c) owns the struct verifier_driver of each driver
 * and names the current one around its calls; this file knows nothing of the console.
 *
 * DRIVER_VERIFIER_DETECTED_VIOLATION (0xC4) with p1 0x62, as Microsoft's bug check reference gives it:
 * p2 the driver's name (here the address of its UNICODE_STRING), p3 the verifier's record of the
 * driver (its struct verifier_driver), p4 the number of allocations it left behind. */
#ifndef PAGODA_VERIFIER_H
#define PAGODA_VERIFIER_H

#include <stdbool.h>
#include <stdint.h>

#include "pool/pool_tags.h"

#define VERIFIER_LEAKED_POOL 0x62

/* Per-driver switches (struct verifier_driver.flags) and per-tag ones (struct tag_entry.flags). */
enum verifier_flags {
    VERIFIER_SPECIAL_POOL = 1u << 0,
    VERIFIER_TRACK_POOL = 1u << 1,
};

struct verifier_driver {
    const char *name;
    const void *name_string; /* p2 of 0xC4/0x62 */
    uint32_t flags;          /* enum verifier_flags */
    uint32_t live_allocations;
    uint32_t live_bytes; /* bytes asked for */
};

struct verifier_allocation {
    uintptr_t address;
    uint32_t bytes;
    uint32_t tag;
    enum pool_kind kind;
};

/* Nonzero while any switch could change what an allocation does: the pool's one test on its fast path. */
extern uint32_t verifier_active;

/* The driver whose code runs now (NULL: the kernel's own); returns the one before, to be restored. */
struct verifier_driver *verifier_enter_driver(struct verifier_driver *driver);
void verifier_set_driver_flags(struct verifier_driver *driver, uint32_t flags);

/* Special pool for a tag; false when the tag table has no room for it. */
bool verifier_set_special_tag(uint32_t tag, bool on);
void verifier_clear_special_tags(void);
/* Every tag with special pool on, as the tag table iterates: start with *cursor = 0; 0 at the end. */
uint32_t verifier_next_special_tag(size_t *cursor);

/* Fails percent % of the allocations that may fail (not must-succeed ones), drawn from a generator
 * seeded anew with seed, so that a run repeats; 0 turns it off. */
void verifier_set_low_resources(unsigned percent, uint32_t seed);
unsigned verifier_low_resources(void);

/* The pool's calls, while verifier_active: */
bool verifier_fails_allocation(unsigned base_type);
bool verifier_wants_special_pool(uint32_t tag);
void verifier_track_allocation(void *p, uint32_t bytes, uint32_t tag, enum pool_kind kind);
/* On every free while any allocation is tracked. */
extern uint32_t verifier_tracked;
void verifier_untrack(const void *p);

/* Sees one leaked allocation; returns whether it wants the next. */
typedef bool verifier_leak_report(void *ctx, const struct verifier_allocation *a);

/* After a driver's unload routine: with tracking on and allocations left, report(ctx, a) sees them by
 * tag (as the tags read), then by address, until it wants no more; then the machine stops with
 * 0xC4/0x62. Otherwise the driver's records are dropped. */
void verifier_driver_unloaded(struct verifier_driver *driver, verifier_leak_report *report, void *ctx);

#endif
