#include "pool/pool_tag_counts.h"

#include "pool/pool_bucket.h"
#include "pool/pool_locks.h"
#include "pool/pool_small.h"

/* *out: a copy of e, or NULL, with the buckets' counts for it. */
static bool copy_counted(const struct tag_entry *e, struct tag_entry *out)
{
    if (e) {
        *out = *e;
        pool_bucket_add_pending(e, out);
    }
    return e != 0;
}

bool tagtab_next(size_t *cursor, struct tag_entry *out)
{
    pool_small_settle(); /* the deferred frees counted */
    KIRQL old = pool_tables_lock(); /* a DPC's allocation may grow the table or settle meanwhile */
    bool found = copy_counted(tagtab_step(cursor), out);
    pool_tables_unlock(old);
    return found;
}

bool tagtab_find(uint32_t tag, struct tag_entry *out)
{
    pool_small_settle();
    KIRQL old = pool_tables_lock();
    bool found = copy_counted(tagtab_lookup(tag), out);
    pool_tables_unlock(old);
    return found;
}
