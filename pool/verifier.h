/* Driver Verifier for the pool, switched at run time: special pool per tag (the tag table's flags) or
 * per driver, pool tracking per driver (every live allocation of a driver recorded; unloading with
 * some left is 0xC4/0x62), low-resources simulation (a share of allocations fails), and what each
 * driver is charged with. Portable C, like the pool; it knows nothing of the console.
 *
 * Drivers are known by name, as verifier.exe /driver names them: a record per name, made when an image
 * of that name is passed at boot or a switch names it (loaded or not, present or not), and kept for
 * good, so its switches stay across loads and so does what it is charged with. Each record has an
 * owner number (1 to 31): kernel/driver_code.h maps a loaded image to it, and the pool writes it into
 * every block the image's code allocates. So every pool call is charged to the image whose code made
 * it (its return address), wherever it runs: DriverEntry, a DPC, a timer, DriverUnload. A driver with
 * any switch on is "verified": its calls get Driver Verifier's checks (kernel/verifier_violations.h).
 *
 * DRIVER_VERIFIER_DETECTED_VIOLATION (0xC4) with p1 0x62, as Microsoft's bug check reference gives it:
 * p2 the driver's name (here the address of its UNICODE_STRING), p3 (reserved) the verifier's record of
 * the driver (its struct verifier_driver), p4 the number of allocations it left behind. */
#ifndef PAGODA_VERIFIER_H
#define PAGODA_VERIFIER_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/driver_code.h"
#include "kernel/verifier_violations.h"
#include "kernel/wdm.h"
#include "pool/pool_tags.h"

#define VERIFIER_DRIVERS (DRIVER_CODE_OWNERS - 1)
#define VERIFIER_NAME_MAX 15

/* Per-driver switches (struct verifier_driver.flags) and per-tag ones (struct tag_entry.flags). */
enum verifier_flags {
    VERIFIER_SPECIAL_POOL = 1u << 0,
    VERIFIER_TRACK_POOL = 1u << 1,
    VERIFIER_LOW_RESOURCES = 1u << 2, /* drivers only */
};

struct verifier_driver {
    char name[VERIFIER_NAME_MAX + 1];
    unsigned number;         /* the owner number, 1 to VERIFIER_DRIVERS */
    const void *name_string; /* p2 of 0xC4/0x62, set by the driver model */
    uint32_t flags;
    uint32_t allocations;    /* charged: the live blocks its code allocated, whoever frees them... */
    uint32_t bytes;          /* ...and their block bytes, as poolmon counts them */
    uint32_t live_allocations, live_bytes; /* tracked (pool tracking on): bytes asked for */
    struct hashtab tags;     /* charged, per tag (struct tag_entry): poolmon <driver> */
    struct tag_entry overflow; /* tags whose entry could not be made */
};

struct verifier_allocation {
    uintptr_t address;
    uint32_t bytes;
    uint32_t tag;
    enum pool_kind kind;
};

/* Nonzero while a switch that is not a driver's could change what any allocation does (special pool
 * for a tag, low resources for every allocation): the pool's one test for the kernel's own calls. */
extern uint32_t verifier_active;

/* The record of a driver name; with add, made if new. NULL for a name that is empty or longer than
 * VERIFIER_NAME_MAX, or when the table is full. */
struct verifier_driver *verifier_driver(const char *name, bool add);
/* The record of an owner number (0: the kernel's, NULL). */
struct verifier_driver *verifier_driver_numbered(unsigned number);
/* Every record, in the order they were made: start with *cursor = 0; NULL at the end. */
struct verifier_driver *verifier_next_driver(unsigned *cursor);
void verifier_set_driver_flags(struct verifier_driver *driver, uint32_t flags);

/* Whether Driver Verifier checks the calls of the driver (NULL: the kernel, never). */
static inline bool verifier_checks(const struct verifier_driver *driver)
{
    return driver && driver->flags;
}

/* Special pool for a tag; false when the tag table has no room for it. */
bool verifier_set_special_tag(uint32_t tag, bool on);
void verifier_clear_special_tags(void);
/* Every tag with special pool on, as the tag table iterates: start with *cursor = 0; 0 at the end. */
uint32_t verifier_next_special_tag(size_t *cursor);

/* Fails percent % of the allocations that may fail (not must-succeed ones), drawn from a generator
 * seeded anew with seed, so that a run repeats; 0 turns it off. It fails every caller's allocations,
 * or, while some driver has VERIFIER_LOW_RESOURCES, only those drivers'. */
void verifier_set_low_resources(unsigned percent, uint32_t seed);
unsigned verifier_low_resources(void);

/* The pool's calls, with the driver whose code called (NULL: the kernel's own code). Before anything
 * else, for a verified driver: 0xC4/0x00, 0x01, 0x02 and 0xC2/0x9B (a zero tag; p4 the caller). */
void verifier_check_allocation(const struct verifier_driver *driver, POOL_TYPE type, SIZE_T bytes, ULONG tag,
                               const void *caller);
bool verifier_fails_allocation(const struct verifier_driver *driver, unsigned base_type);
bool verifier_wants_special_pool(const struct verifier_driver *driver, uint32_t tag);
void verifier_track_allocation(struct verifier_driver *driver, void *p, uint32_t bytes, uint32_t tag,
                               enum pool_kind kind);
/* On every free while any allocation is tracked. */
extern uint32_t verifier_tracked;
void verifier_untrack(const void *p);
/* A block of the driver numbered owner (its block bytes) is allocated / freed: with the pool's
 * spinlock held. */
void verifier_charge(unsigned owner, uint32_t tag, enum pool_kind kind, uint32_t bytes);
void verifier_discharge(unsigned owner, uint32_t tag, enum pool_kind kind, uint32_t bytes);
/* What the driver is charged with per tag, like tagtab_next. */
bool verifier_driver_tag_next(const struct verifier_driver *driver, size_t *cursor, struct tag_entry *out);

/* Sees one leaked allocation; returns whether it wants the next. */
typedef bool verifier_leak_report(void *ctx, const struct verifier_allocation *a);

/* After a driver's unload routine: with tracking on and allocations left, report(ctx, a) sees them by
 * tag (as the tags read), then by address, until it wants no more; then the machine stops with
 * 0xC4/0x62. Otherwise the driver's records are dropped. */
void verifier_driver_unloaded(struct verifier_driver *driver, verifier_leak_report *report, void *ctx);

#endif
