/* Driver Verifier per image on the host: a fake driver image (the functions below, in a section of
 * their own, registered with kernel/driver_code.h) makes pool, lookaside and spinlock calls, and each
 * is charged to it and checked as its return address says, whoever else calls too. */
#include <sys/wait.h>
#include <unistd.h>

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "mm/special_pages.h"
#include "pool/lookaside.h"
#include "pool/pool_small.h"
#include "pool/verifier.h"
#include "tests/host/death.h"
#include "tests/host/pool_test_util.h"
#include "tests/host/unit.h"

/* The fake image's code: a call in it never becomes a jump (the asm after it), so its return address
 * lies in the image, as a driver's does. */
#define IMAGE __attribute__((section("pagoda_fake_image"), noinline, used))
#define STAY_IN_IMAGE() __asm__ volatile("" : : : "memory")
extern const char __start_pagoda_fake_image[], __stop_pagoda_fake_image[];

IMAGE static void *drv_alloc(POOL_TYPE type, SIZE_T bytes, ULONG tag)
{
    void *p = ExAllocatePoolWithTag(type, bytes, tag);
    STAY_IN_IMAGE();
    return p;
}

IMAGE static void drv_free(void *p)
{
    ExFreePool(p);
    STAY_IN_IMAGE();
}

IMAGE static void drv_init_list(PNPAGED_LOOKASIDE_LIST l, SIZE_T size)
{
    ExInitializeNPagedLookasideList(l, NULL, NULL, 0, size, 'tsLD', 0);
    STAY_IN_IMAGE();
}

IMAGE static void drv_delete_list(PNPAGED_LOOKASIDE_LIST l)
{
    ExDeleteNPagedLookasideList(l);
    STAY_IN_IMAGE();
}

/* The WDK's inline ExAllocateFromNPagedLookasideList and ExFreeToNPagedLookasideList, as a driver
 * compiles them: the list's routines are called from the driver's own code. */
IMAGE static void *drv_inline_allocate(PNPAGED_LOOKASIDE_LIST l)
{
    l->L.TotalAllocates++;
    PVOID e = InterlockedPopEntrySList(&l->L.ListHead);
    if (!e) {
        l->L.AllocateMisses++;
        e = l->L.Allocate(l->L.Type, l->L.Size, l->L.Tag);
    }
    STAY_IN_IMAGE();
    return e;
}

IMAGE static void drv_inline_free(PNPAGED_LOOKASIDE_LIST l, PVOID e)
{
    l->L.TotalFrees++;
    if (ExQueryDepthSList(&l->L.ListHead) >= l->L.Depth) {
        l->L.FreeMisses++;
        l->L.Free(e);
    } else {
        InterlockedPushEntrySList(&l->L.ListHead, e);
    }
    STAY_IN_IMAGE();
}

/* The exported (non-inline) call: the kernel allocates on the driver's behalf. */
IMAGE static void *drv_allocate_from(PNPAGED_LOOKASIDE_LIST l)
{
    void *p = ExAllocateFromNPagedLookasideList(l);
    STAY_IN_IMAGE();
    return p;
}

IMAGE static void drv_acquire_at_dpc_level(PKSPIN_LOCK lock)
{
    KeAcquireSpinLockAtDpcLevel(lock);
    STAY_IN_IMAGE();
}

/* The fake image's driver, its image registered on first use. */
static struct verifier_driver *image_driver(void)
{
    static struct verifier_driver *d;
    if (!d) {
        d = verifier_driver("hostdrv", true);
        driver_code_add(d->number, (uintptr_t)__start_pagoda_fake_image,
                        (uintptr_t)(__stop_pagoda_fake_image - __start_pagoda_fake_image));
    }
    return d;
}

/* What the driver is charged with for a tag in one pool. */
static struct tag_counters charged(const struct verifier_driver *d, uint32_t tag, enum pool_kind kind)
{
    struct tag_entry e;
    size_t cursor = 0;
    while (verifier_driver_tag_next(d, &cursor, &e))
        if (e.key.key == tag)
            return e.pool[kind];
    return (struct tag_counters){ 0, 0, 0 };
}

TEST(images_driver_code_maps_addresses_to_owners_and_spans_the_images)
{
    struct driver_code_span before = driver_code_span;
    driver_code_add(30, 0x1000, 0x1000);
    driver_code_add(31, 0x5000, 0x800);
    CHECK(driver_code_lookup(0x1800) == 30 && driver_code_lookup(0x57FF) == 31);
    CHECK(driver_code_lookup(0x3000) == 0 && driver_code_lookup(0x5800) == 0);
    CHECK(driver_code_span.base == 0x1000 && driver_code_span.size >= 0x4800);
    CHECK(driver_code_owner((const void *)0x1000) == 30 && !driver_code_verified((const void *)0x1000));
    driver_code_set_verified(31, true);
    CHECK(driver_code_verified((const void *)0x5000) && !driver_code_verified((const void *)0x1000));
    driver_code_remove(31);
    CHECK(driver_code_owner((const void *)0x5000) == 0 && !driver_code_verified((const void *)0x5000));
    driver_code_set_verified(31, false);
    driver_code_remove(30);
    CHECK(driver_code_owner((const void *)0x1000) == 0);
    CHECK(driver_code_span.base == before.base && driver_code_span.size == before.size);
}

TEST(images_charge_each_block_to_the_driver_whose_code_allocated_it_whoever_frees_it)
{
    struct verifier_driver *d = image_driver();
    uint32_t allocations = d->allocations, bytes = d->bytes;
    void *small = drv_alloc(NonPagedPool, 100, 'gChI'); /* 100 + 8 rounded up: 112 block bytes */
    void *paged = drv_alloc(PagedPool, 24, 'gChI');     /* 32 */
    void *big = drv_alloc(NonPagedPool, 5000, 'gChI');  /* two pages */
    void *mine = ExAllocatePoolWithTag(NonPagedPool, 100, 'gChI');
    CHECK(d->allocations == allocations + 3 && d->bytes == bytes + 112 + 32 + 8192);
    CHECK(pool_header_of(small)->pool_index == (POOL_KIND_NONPAGED | d->number << POOL_INDEX_OWNER_SHIFT));
    CHECK(pool_header_of(mine)->pool_index == POOL_KIND_NONPAGED);
    struct tag_counters n = charged(d, 'gChI', POOL_KIND_NONPAGED), p = charged(d, 'gChI', POOL_KIND_PAGED);
    CHECK(n.allocs == 2 && n.frees == 0 && n.bytes == 112 + 8192 && p.allocs == 1 && p.bytes == 32);
    drv_free(mine);    /* the driver frees the kernel's block: nothing of the driver's */
    ExFreePool(small); /* and the kernel the driver's: still the driver's to give back */
    CHECK(d->allocations == allocations + 2 && d->bytes == bytes + 32 + 8192);
    ExFreePoolWithTag(big, 'gChI');
    drv_free(paged);
    n = charged(d, 'gChI', POOL_KIND_NONPAGED);
    CHECK(d->allocations == allocations && d->bytes == bytes && n.frees == 2 && n.bytes == 0);
    /* A driver's block freed and handed out again is the kernel's: the free took its owner bits. */
    void *again = ExAllocatePoolWithTag(NonPagedPool, 100, 'gChI');
    CHECK(again == small && pool_header_of(again)->pool_index == POOL_KIND_NONPAGED); /* its page's last freed */
    ExFreePool(again);
    CHECK(d->allocations == allocations);
}

static void free_with_owner(void *arg)
{
    void *p = ExAllocatePoolWithTag(NonPagedPool, 40, 'nwO?');
    pool_header_of(p)->pool_index |= (unsigned)(uintptr_t)arg << POOL_INDEX_OWNER_SHIFT;
    ExFreePool(p);
}

static void free_driver_block_of_another_size(void *arg)
{
    (void)arg;
    void *p = drv_alloc(NonPagedPool, 40, 'nwO?');
    pool_header_of(p)->block_size++;
    ExFreePool(p);
}

/* The owner bits take a block off the inline free, not out of the header's checks. */
TEST(images_an_owner_no_driver_has_is_c2_01_and_a_drivers_block_is_checked_as_any)
{
    image_driver(); /* drv_alloc's image has its number */
    unsigned unused = VERIFIER_DRIVERS;
    while (verifier_driver_numbered(unused))
        unused--;
    struct stop s = run_until_stop(free_with_owner, (void *)(uintptr_t)unused);
    CHECK(s.died && s.code == BUGCHECK_BAD_POOL_CALLER && s.p[0] == POOL_CALLER_BAD_HEADER);
    CHECK((s.p[2] >> (9 + POOL_INDEX_OWNER_SHIFT) & 0x1F) == unused);
    s = run_until_stop(free_driver_block_of_another_size, 0);
    CHECK(s.died && s.code == BUGCHECK_BAD_POOL_HEADER && s.p[0] == POOL_HEADER_SIZE_CORRUPT);
}

/* The kernel frees a block (deferred: nonpaged pool is past POOL_DEFER_PAGES pages) and a driver frees it
 * again while the kernel's free waits, as after IoFreeIrp and ExFreePool of one IRP: the double free is
 * reported at the driver's call, as it would be were frees immediate. */
static void driver_frees_a_block_whose_free_waits(void *arg)
{
    (void)arg;
    image_driver();
    void *p = fill_past_deferral();
    ExFreePoolWithTag(p, 'elbD'); /* the kernel's (this file's code): deferred */
    if (!free_waits(p))
        KeBugCheckEx(0xDEAD, 1, 0, 0, 0);
    drv_free(p);
    KeBugCheckEx(0xDEAD, 2, 0, 0, 0); /* not reported at the driver's call */
}

TEST(images_a_drivers_free_of_a_block_whose_kernel_free_waits_is_a_double_free_at_its_call)
{
    struct stop s = run_until_stop(driver_frees_a_block_whose_free_waits, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x07 && s.p[1] == 0 && s.p[3] % 8 == 0 && s.p[3] % 4096 != 0);
}

TEST(images_an_unmapped_image_is_charged_nothing)
{
    struct verifier_driver *d = image_driver();
    uint32_t allocations = d->allocations;
    driver_code_remove(d->number);
    void *p = drv_alloc(NonPagedPool, 40, 'nmnU');
    CHECK(d->allocations == allocations && pool_header_of(p)->pool_index == POOL_KIND_NONPAGED);
    ExFreePool(p);
    driver_code_add(d->number, (uintptr_t)__start_pagoda_fake_image,
                    (uintptr_t)(__stop_pagoda_fake_image - __start_pagoda_fake_image));
}

TEST(images_special_pool_and_low_resources_per_driver)
{
    struct verifier_driver *d = image_driver();
    verifier_set_driver_flags(d, VERIFIER_SPECIAL_POOL);
    CHECK(!verifier_active); /* the kernel's own calls keep their fast path */
    uint32_t bytes = d->bytes;
    void *p = drv_alloc(NonPagedPool, 24, 'rvrD'), *q = ExAllocatePoolWithTag(NonPagedPool, 24, 'rvrD');
    CHECK(special_pages_contains(p) && !special_pages_contains(q) && d->bytes == bytes + POOL_PAGE);
    ExFreePool(p);
    ExFreePool(q);
    CHECK(d->bytes == bytes);
    verifier_set_driver_flags(d, VERIFIER_LOW_RESOURCES);
    verifier_set_low_resources(100, 3);
    CHECK(!verifier_active && drv_alloc(NonPagedPool, 24, 'woLD') == 0);
    void *kernel = ExAllocatePoolWithTag(NonPagedPool, 24, 'woLD'); /* only the named driver's fail */
    verifier_set_special_tag('woLK', true); /* the kernel's calls now take the verifier's path too */
    void *special = ExAllocatePoolWithTag(NonPagedPool, 24, 'woLK');
    CHECK(kernel && special && special_pages_contains(special));
    ExFreePool(kernel);
    ExFreePool(special);
    verifier_clear_special_tags();
    verifier_set_low_resources(0, 0);
    verifier_set_driver_flags(d, 0);
}

static unsigned reported;
static bool count_report(void *ctx, const struct verifier_allocation *a)
{
    *(uint64_t *)ctx += a->bytes;
    reported++;
    return true;
}

static void leak_and_unload(void *arg)
{
    (void)arg;
    struct verifier_driver *d = image_driver();
    verifier_set_driver_flags(d, VERIFIER_TRACK_POOL);
    drv_alloc(PagedPool, 10, 'kaeL');
    drv_alloc(NonPagedPool, 20000, 'kaeL');
    drv_free(drv_alloc(NonPagedPool, 30, 'kaeL'));
    uint64_t bytes = 0;
    verifier_driver_unloaded(d, count_report, &bytes);
}

TEST(images_tracking_follows_the_image_and_stops_on_a_leaking_unload)
{
    struct verifier_driver *d = image_driver();
    d->name_string = "hostdrv";
    verifier_set_driver_flags(d, VERIFIER_TRACK_POOL);
    void *a = drv_alloc(PagedPool, 10, 'kaeL'), *b = drv_alloc(NonPagedPool, 20000, 'kaeL');
    void *mine = ExAllocatePoolWithTag(NonPagedPool, 30, 'kaeL'); /* the kernel's own: not the driver's */
    CHECK(d->live_allocations == 2 && d->live_bytes == 20010);
    ExFreePool(a);
    ExFreePool(mine);
    CHECK(d->live_allocations == 1 && d->live_bytes == 20000);
    ExFreePool(b);
    uint64_t bytes = 0;
    verifier_driver_unloaded(d, count_report, &bytes);
    CHECK(reported == 0 && d->live_allocations == 0);
    verifier_set_driver_flags(d, 0);
    void *c = drv_alloc(PagedPool, 10, 'kaeL');
    CHECK(d->live_allocations == 0); /* tracking off */
    ExFreePool(c);

    struct stop s = run_until_stop(leak_and_unload, 0);
    CHECK(s.died && s.code == BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION && s.p[0] == VERIFIER_LEAKED_POOL);
    CHECK(s.p[1] == (uintptr_t)d->name_string && s.p[2] == (uintptr_t)d && s.p[3] == 2);
}

/* The leak list comes by tag (as the tags read), then by address: a report out of that order exits
 * the child without a STOP. */
struct listed {
    uint32_t shown_tag;
    uintptr_t address;
    unsigned n;
};

static bool check_listed_in_order(void *ctx, const struct verifier_allocation *a)
{
    struct listed *l = ctx;
    uint32_t shown = __builtin_bswap32(a->tag);
    if (l->n++ && (shown < l->shown_tag || (shown == l->shown_tag && a->address < l->address)))
        _exit(3);
    l->shown_tag = shown;
    l->address = a->address;
    return true;
}

static void leak_several_tags_and_unload(void *arg)
{
    (void)arg;
    static const ULONG tags[] = { '1deZ', '1cbA', '1diM', '1cbA', '1deZ', '2cbA', '1diM', '1cbA' };
    struct verifier_driver *d = image_driver();
    verifier_set_driver_flags(d, VERIFIER_TRACK_POOL);
    for (unsigned i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
        drv_alloc(i % 2 ? PagedPool : NonPagedPool, 16 + i * 40, tags[i]);
    struct listed l = { 0, 0, 0 };
    verifier_driver_unloaded(d, check_listed_in_order, &l);
}

TEST(images_leak_list_comes_by_tag_then_address)
{
    struct stop s = run_until_stop(leak_several_tags_and_unload, 0);
    CHECK(s.died && s.code == BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION && s.p[3] == 8);
}

/* Each with the fake driver verified (any switch) or not. */
static void verified(bool on)
{
    verifier_set_driver_flags(image_driver(), on ? VERIFIER_TRACK_POOL : 0);
}

static void zero_bytes(void *arg)
{
    verified(arg != 0);
    drv_alloc(NonPagedPool, 0, 'oreZ');
}

static void kernel_zero_bytes(void *arg)
{
    (void)arg;
    ExAllocatePoolWithTag(PagedPool, 0, 'oreZ');
}

static void paged_at_dispatch(void *arg)
{
    KIRQL old;
    verified(arg != 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    drv_alloc(PagedPool, 64, 'psiD');
}

static void zero_tag(void *arg)
{
    (void)arg;
    verified(true);
    drv_alloc(NonPagedPool, 48, 0);
}

static void free_paged_at_dispatch(void *arg)
{
    KIRQL old;
    verified(true);
    void *p = drv_alloc(PagedPool, 64, 'psiD');
    *(void **)arg = p;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    drv_free(p);
}

static void acquire_at_passive(void *arg)
{
    verified(true);
    drv_acquire_at_dpc_level(arg);
}

TEST(images_a_verified_drivers_calls_get_driver_verifiers_checks)
{
    struct stop s = run_until_stop(zero_bytes, (void *)1);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0x00 && s.p[1] == PASSIVE_LEVEL && s.p[2] == NonPagedPool && s.p[3] == 0);
    s = run_until_stop(zero_bytes, 0); /* not verified: the checked kernel's rule */
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x00 && s.p[1] == 0 && s.p[2] == NonPagedPool && s.p[3] == 'oreZ');
    s = run_until_stop(kernel_zero_bytes, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x00 && s.p[2] == PagedPool && s.p[3] == 'oreZ');
    s = run_until_stop(paged_at_dispatch, (void *)1);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0x01 && s.p[1] == DISPATCH_LEVEL && s.p[2] == PagedPool && s.p[3] == 64);
    s = run_until_stop(paged_at_dispatch, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x08 && s.p[1] == DISPATCH_LEVEL && s.p[2] == PagedPool);
    s = run_until_stop(zero_tag, 0);
    CHECK(s.died && s.code == 0xC2 && s.p[0] == 0x9B && s.p[1] == NonPagedPool && s.p[2] == 48);
    CHECK(s.p[3] - (uintptr_t)__start_pagoda_fake_image < (uintptr_t)(__stop_pagoda_fake_image - __start_pagoda_fake_image));
    static void *block;
    s = run_until_stop(free_paged_at_dispatch, &block);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0x11 && s.p[1] == DISPATCH_LEVEL && s.p[2] == PagedPool);
    static KSPIN_LOCK lock;
    s = run_until_stop(acquire_at_passive, &lock);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0x40 && s.p[1] == PASSIVE_LEVEL && s.p[2] == (uintptr_t)&lock && s.p[3] == 0);
    KeAcquireSpinLockAtDpcLevel(&lock); /* the kernel's own call: no check */
    KeReleaseSpinLockFromDpcLevel(&lock);
}

TEST(images_lookaside_entries_are_charged_to_the_driver_and_a_verified_drivers_lists_do_not_cache)
{
    struct verifier_driver *d = image_driver();
    static NPAGED_LOOKASIDE_LIST list;
    uint32_t allocations = d->allocations;
    drv_init_list(&list, 40);
    CHECK(list.L.Depth == LOOKASIDE_MIN_DEPTH && list.L.Future[0] == d->number);
    void *a = drv_inline_allocate(&list), *b = drv_allocate_from(&list);
    CHECK(d->allocations == allocations + 2 && charged(d, 'tsLD', POOL_KIND_NONPAGED).allocs >= 2);
    drv_inline_free(&list, a); /* cached: still allocated, as on Windows */
    CHECK(d->allocations == allocations + 2 && list.L.ListHead.Depth == 1);
    ExFreeToNPagedLookasideList(&list, b);
    drv_delete_list(&list); /* frees what it cached */
    CHECK(d->allocations == allocations);

    verified(true);
    drv_init_list(&list, 40);
    CHECK(list.L.Depth == 0 && list.L.MaximumDepth == 0);
    a = drv_inline_allocate(&list);
    drv_inline_free(&list, a); /* straight back to the pool */
    CHECK(d->allocations == allocations && list.L.ListHead.Depth == 0);
    verified(false); /* caching again */
    CHECK(list.L.Depth == LOOKASIDE_MIN_DEPTH && list.L.MaximumDepth == LOOKASIDE_MAX_DEPTH);
    verified(true);
    CHECK(list.L.Depth == 0);
    drv_delete_list(&list);
    verified(false);
}

static void initialize_twice(void *arg)
{
    verified(true);
    drv_init_list(arg, 40);
    drv_init_list(arg, 40);
}

static void delete_uninitialized(void *arg)
{
    verified(true);
    drv_delete_list(arg);
}

static void too_small(void *arg)
{
    verified(true);
    drv_init_list(arg, 2);
}

static void free_block_holding_a_list(void *arg)
{
    (void)arg;
    PNPAGED_LOOKASIDE_LIST l = ExAllocatePoolWithTag(NonPagedPool, sizeof(*l), 'tsiL');
    ExInitializeNPagedLookasideList(l, NULL, NULL, 0, 32, 'yrtE', 0);
    ExFreePool(l);
}

TEST(images_lookaside_misuse_and_a_freed_live_list_are_driver_verifier_stops)
{
    static NPAGED_LOOKASIDE_LIST list;
    struct stop s = run_until_stop(initialize_twice, &list);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0xCA && s.p[1] == (uintptr_t)&list && s.p[2] == 0 && s.p[3] == 0);
    s = run_until_stop(delete_uninitialized, &list);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0xCB && s.p[1] == (uintptr_t)&list);
    s = run_until_stop(too_small, &list);
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0xCD && s.p[2] == 2 && s.p[3] == sizeof(SLIST_ENTRY));
    s = run_until_stop(free_block_holding_a_list, 0); /* the kernel's own free: every caller is checked */
    unsigned block = pool_classes[pool_small_class(NonPagedPool, sizeof(NPAGED_LOOKASIDE_LIST))].bytes - POOL_UNIT;
    CHECK(s.died && s.code == 0xC4 && s.p[0] == 0xCC && s.p[1] == s.p[2] && s.p[3] == block);
}

TEST(images_drivers_are_named_before_any_image_and_the_table_holds_31)
{
    CHECK(!verifier_driver("", true) && !verifier_driver("sixteen_letters_", true) && !verifier_driver("ghost", false));
    struct verifier_driver *g = verifier_driver("ghost", true);
    CHECK(g && verifier_driver("ghost", false) == g && verifier_driver_numbered(g->number) == g);
    verifier_set_driver_flags(g, VERIFIER_SPECIAL_POOL); /* no image yet: the switch waits for one */
    CHECK(g->flags == VERIFIER_SPECIAL_POOL);
    verifier_set_driver_flags(g, 0);
    pid_t pid = fork();
    if (pid == 0) { /* fills the table in a child: the other tests keep room */
        char name[8] = "full";
        for (unsigned i = 0; verifier_driver(name, true); i++)
            name[4] = (char)('A' + i % 26), name[5] = (char)('A' + i / 26);
        unsigned cursor = 0, n = 0;
        while (verifier_next_driver(&cursor))
            n++;
        _exit(n == VERIFIER_DRIVERS ? 0 : 1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
