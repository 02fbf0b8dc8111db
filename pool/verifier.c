#include "pool/verifier.h"

#include "kernel/bugcheck.h"
#include "pool/hashtab.h"
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
static struct verifier_driver *current;
static unsigned special_tags, low_percent;
static uint32_t low_state;

static void update_active(void)
{
    verifier_active = special_tags || low_percent || (current && current->flags);
}

struct verifier_driver *verifier_enter_driver(struct verifier_driver *driver)
{
    struct verifier_driver *before = current;
    current = driver;
    update_active();
    return before;
}

void verifier_set_driver_flags(struct verifier_driver *driver, uint32_t flags)
{
    driver->flags = flags;
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
    struct tag_entry e;
    while (tagtab_next(cursor, &e))
        if (e.flags & VERIFIER_SPECIAL_POOL)
            return (uint32_t)e.key.key;
    return 0;
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

bool verifier_fails_allocation(unsigned base_type)
{
    return low_percent && !pool_type_must_succeed(base_type) && next_random() % 100 < low_percent;
}

bool verifier_wants_special_pool(uint32_t tag)
{
    if (current && (current->flags & VERIFIER_SPECIAL_POOL))
        return true;
    const struct tag_entry *e = special_tags ? tagtab_find(tag) : 0;
    return e && (e->flags & VERIFIER_SPECIAL_POOL);
}

void verifier_track_allocation(void *p, uint32_t bytes, uint32_t tag, enum pool_kind kind)
{
    if (!current || !(current->flags & VERIFIER_TRACK_POOL))
        return;
    struct track_entry *e = hashtab_insert(&tracked, (uintptr_t)p);
    if (!e)
        return; /* no page for the table: this one goes untracked rather than failing the driver */
    *e = (struct track_entry){ e->key, current, bytes, tag, (uint8_t)kind };
    current->live_allocations++;
    current->live_bytes += bytes;
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
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_LEAKED_POOL,
                     (ULONG_PTR)driver->name_string, (ULONG_PTR)driver, driver->live_allocations);
    }
    while ((cursor = 0, e = first_of(driver, &cursor)))
        forget(e); /* a removal moves entries: each search starts over */
    pool_tables_unlock(old);
}
