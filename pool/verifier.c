#include "pool/verifier.h"

#include "kernel/bugcheck.h"
#include "kernel/lib/kstring.h"
#include "pool/hashtab.h"
#include "pool/lookaside.h"
#include "pool/pool_locks.h"
#include "pool/pool_type.h"

/* One record per live allocation of a driver with tracking on, keyed by address (NT keeps a like
 * table per verified driver); its slots come from nonpaged pages, as the pool's own tables. */
struct track_entry {
    struct hashtab_key key;
    struct verifier_driver *driver;
    uint32_t bytes;
    uint32_t tag;
    uint8_t kind;
};

uint32_t verifier_active;
uint32_t verifier_tracked;
static struct hashtab tracked = HASHTAB_INIT(struct track_entry);
static struct verifier_driver records[VERIFIER_DRIVERS]; /* by owner number - 1 */
static unsigned record_count, low_drivers;
static unsigned special_tags, low_percent;
static uint32_t low_state;

static void update_active(void)
{
    verifier_active = special_tags || (low_percent && !low_drivers);
}

struct verifier_driver *verifier_driver(const char *name, bool add)
{
    size_t n = strlen(name);
    if (n == 0 || n > VERIFIER_NAME_MAX)
        return 0;
    for (unsigned i = 0; i < record_count; i++)
        if (strcmp(records[i].name, name) == 0)
            return &records[i];
    if (!add || record_count == VERIFIER_DRIVERS)
        return 0;
    struct verifier_driver *d = &records[record_count];
    memcpy(d->name, name, n + 1);
    d->number = record_count + 1;
    d->tags = (struct hashtab)HASHTAB_INIT(struct tag_entry);
    d->overflow.key.key = TAGTAB_OVERFLOW_TAG;
    __asm__ volatile("" : : : "memory"); /* a DPC that looks a number up finds the record whole */
    record_count++;
    return d;
}

struct verifier_driver *verifier_driver_numbered(unsigned number)
{
    return number - 1 < record_count ? &records[number - 1] : 0;
}

struct verifier_driver *verifier_next_driver(unsigned *cursor)
{
    return *cursor < record_count ? &records[(*cursor)++] : 0;
}

/* Any switch makes the driver verified: the kernel checks its spinlock and IRQL calls, and its
 * lookaside lists stop caching, so that every block goes through the pool (and special pool). */
void verifier_set_driver_flags(struct verifier_driver *driver, uint32_t flags)
{
    low_drivers += (unsigned)!!(flags & VERIFIER_LOW_RESOURCES) - (unsigned)!!(driver->flags & VERIFIER_LOW_RESOURCES);
    driver->flags = flags;
    driver_code_set_verified(driver->number, flags != 0);
    lookaside_set_caching(driver->number, flags == 0);
    update_active();
}

bool verifier_set_special_tag(uint32_t tag, bool on)
{
    KIRQL old = pool_tables_lock(); /* the tag table is the pool's */
    struct tag_entry *e = tagtab_entry(tag);
    bool made = e->key.key == tag; /* else the overflow entry: the table could not grow */
    if (made) {
        bool was = e->flags & VERIFIER_SPECIAL_POOL;
        e->flags = on ? e->flags | VERIFIER_SPECIAL_POOL : e->flags & ~(uint32_t)VERIFIER_SPECIAL_POOL;
        special_tags += (unsigned)on - (unsigned)was;
        update_active();
    }
    pool_tables_unlock(old);
    return made;
}

uint32_t verifier_next_special_tag(size_t *cursor)
{
    KIRQL old = pool_tables_lock();
    const struct tag_entry *e;
    while ((e = tagtab_step(cursor)) && !(e->flags & VERIFIER_SPECIAL_POOL))
        ;
    uint32_t tag = e ? (uint32_t)e->key.key : 0;
    pool_tables_unlock(old);
    return tag;
}

void verifier_clear_special_tags(void)
{
    size_t cursor = 0;
    uint32_t tag;
    while ((tag = verifier_next_special_tag(&cursor)))
        verifier_set_special_tag(tag, false); /* finds the entry, never inserts: the walk stays valid */
}

void verifier_set_low_resources(unsigned percent, uint32_t seed)
{
    low_percent = percent > 100 ? 100 : percent;
    low_state = seed ? seed : 1; /* xorshift never leaves 0 */
    update_active();
}

unsigned verifier_low_resources(void)
{
    return low_percent;
}

/* xorshift32: small, and the same sequence on the host and in the kernel. */
static uint32_t next_random(void)
{
    low_state ^= low_state << 13;
    low_state ^= low_state >> 17;
    low_state ^= low_state << 5;
    return low_state;
}

__attribute__((noreturn, cold)) static void violation(enum verifier_violation what, ULONG_PTR p2, ULONG_PTR p3,
                                                      ULONG_PTR p4)
{
    KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, what, p2, p3, p4);
}

void verifier_check_allocation(const struct verifier_driver *driver, POOL_TYPE type, SIZE_T bytes, ULONG tag,
                               const void *caller)
{
    if (!verifier_checks(driver))
        return;
    KIRQL irql = KeGetCurrentIrql();
    enum pool_kind kind = pool_kind_of(type);
    if (bytes == 0)
        violation(VERIFIER_ZERO_BYTES, irql, type, bytes);
    if (irql > pool_highest_irql(kind))
        violation(kind == POOL_KIND_PAGED ? VERIFIER_PAGED_ALLOCATE_IRQL : VERIFIER_NONPAGED_ALLOCATE_IRQL, irql,
                  type, bytes);
    if (tag == 0)
        KeBugCheckEx(BUGCHECK_BAD_POOL_CALLER, POOL_CALLER_ZERO_TAG, type, bytes, (ULONG_PTR)caller);
}

bool verifier_fails_allocation(const struct verifier_driver *driver, unsigned base_type)
{
    bool chosen = low_drivers ? driver && (driver->flags & VERIFIER_LOW_RESOURCES) : true;
    return low_percent && chosen && !pool_type_must_succeed(base_type) && next_random() % 100 < low_percent;
}

bool verifier_wants_special_pool(const struct verifier_driver *driver, uint32_t tag)
{
    if (driver && (driver->flags & VERIFIER_SPECIAL_POOL))
        return true;
    const struct tag_entry *e = special_tags ? tagtab_lookup(tag) : 0;
    return e && (e->flags & VERIFIER_SPECIAL_POOL);
}

void verifier_track_allocation(struct verifier_driver *driver, void *p, uint32_t bytes, uint32_t tag,
                               enum pool_kind kind)
{
    if (!driver || !(driver->flags & VERIFIER_TRACK_POOL))
        return;
    struct track_entry *e = hashtab_insert(&tracked, (uintptr_t)p);
    if (!e)
        return; /* no page for the table: this one goes untracked rather than failing the driver */
    *e = (struct track_entry){ e->key, driver, bytes, tag, (uint8_t)kind };
    driver->live_allocations++;
    driver->live_bytes += bytes;
    verifier_tracked++;
}

static void forget(struct track_entry *e)
{
    e->driver->live_allocations--;
    e->driver->live_bytes -= e->bytes;
    verifier_tracked--;
    hashtab_remove(&tracked, e);
}

void verifier_untrack(const void *p)
{
    struct track_entry *e = hashtab_find(&tracked, (uintptr_t)p);
    if (e)
        forget(e);
}

/* The driver's counters for tag (its overflow entry when the table cannot grow). */
static struct tag_counters *charged(struct verifier_driver *d, uint32_t tag, enum pool_kind kind, bool add)
{
    struct tag_entry *e = add ? hashtab_insert(&d->tags, tag) : hashtab_find(&d->tags, tag);
    return &(e ? e : &d->overflow)->pool[kind];
}

void verifier_charge(unsigned owner, uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    struct verifier_driver *d = verifier_driver_numbered(owner);
    tag_counters_alloc(charged(d, tag, kind, true), bytes);
    d->allocations++;
    d->bytes += bytes;
}

void verifier_discharge(unsigned owner, uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    struct verifier_driver *d = verifier_driver_numbered(owner);
    if (!d)
        return; /* a number no driver has: a special page's header overwritten, nothing to give back */
    tag_counters_free(charged(d, tag, kind, false), bytes);
    d->allocations--;
    d->bytes -= bytes;
}

bool verifier_driver_tag_next(const struct verifier_driver *driver, size_t *cursor, struct tag_entry *out)
{
    return tagtab_next_in(&driver->tags, &driver->overflow, cursor, out);
}

static struct track_entry *first_of(const struct verifier_driver *driver, size_t *cursor)
{
    struct track_entry *e;
    while ((e = hashtab_next(&tracked, cursor)))
        if (e->driver == driver)
            return e;
    return 0;
}

/* The leak list's order: tags as they read (their first character is their lowest byte), then
 * addresses. */
static bool listed_before(const struct track_entry *a, const struct track_entry *b)
{
    uint32_t ta = __builtin_bswap32(a->tag), tb = __builtin_bswap32(b->tag);
    return ta != tb ? ta < tb : a->key.key < b->key.key;
}

/* The driver's record that follows `after` (NULL: the first) in that order, or NULL. One pass over the
 * table per record: the report wants a screenful, not all of them. */
static const struct track_entry *next_listed(const struct verifier_driver *driver, const struct track_entry *after)
{
    const struct track_entry *best = 0, *e;
    size_t cursor = 0;
    while ((e = first_of(driver, &cursor)))
        if ((!after || listed_before(after, e)) && (!best || listed_before(e, best)))
            best = e;
    return best;
}

void verifier_driver_unloaded(struct verifier_driver *driver, verifier_leak_report *report, void *ctx)
{
    size_t cursor = 0;
    struct track_entry *e;
    KIRQL old = pool_tables_lock(); /* the tracking table is shared with DPCs' allocations */
    if ((driver->flags & VERIFIER_TRACK_POOL) && driver->live_allocations) {
        for (const struct track_entry *l = next_listed(driver, 0); l; l = next_listed(driver, l)) {
            struct verifier_allocation a = { l->key.key, l->bytes, l->tag, (enum pool_kind)l->kind };
            if (!report(ctx, &a))
                break;
        }
        violation(VERIFIER_LEAKED_POOL, (ULONG_PTR)driver->name_string, (ULONG_PTR)driver, driver->live_allocations);
    }
    while ((cursor = 0, e = first_of(driver, &cursor)))
        forget(e); /* a removal moves entries: each search starts over */
    pool_tables_unlock(old);
}
