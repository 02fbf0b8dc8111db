/* Driver Verifier in the kernel: the special pool's pages as the memory manager maps them (a guard
 * PTE after each block's page, freed pages no-access until the ring of retired pages lets them go),
 * and the driver model's attribution of allocations to the driver whose code runs. The faults
 * themselves end the run, so the console scenarios (test_verifier.py) show those. */
#include "kernel/ktest.h"
#include "mm/layout.h"
#include "mm/page_table.h"
#include "mm/pte.h"
#include "pool/special_pool.h"
#include "drivers/driver.h"

static uint32_t pte_at(const void *va)
{
    return page_table_present((uint32_t)va) ? *pte_of((uint32_t)va) : 0;
}

static bool is_no_access(uint32_t pte, uint32_t payload)
{
    return pte_kind_of(pte) == PTE_KIND_NO_ACCESS && pte_payload(pte) == payload;
}

static void special_blocks_sit_before_a_guard_page(struct ktest *t)
{
    verifier_set_special_tag('tceS', true);
    char *n = ExAllocatePoolWithTag(NonPagedPool, 36, 'tceS'), *p = ExAllocatePoolWithTag(PagedPool, 36, 'tceS');
    KT_EXPECT(t, (uint32_t)n - SPECIAL_POOL_START < SPECIAL_POOL_END - SPECIAL_POOL_START);
    KT_EXPECT(t, (uint32_t)n % 4096 == 4056 && (uint32_t)p % 4096 == 4056);
    KT_EXPECT(t, is_no_access(pte_at(n + 40), 0) && is_no_access(pte_at(p + 40), 0));
    KT_EXPECT(t, pte_kind_of(pte_at(n)) == PTE_KIND_VALID && (pte_at(n) & PTE_GLOBAL)); /* resident */
    ExFreePool(n);
    ExFreePool(p);
    KT_EXPECT(t, is_no_access(pte_at(n), PTE_NO_ACCESS_FREED) && is_no_access(pte_at(p), PTE_NO_ACCESS_FREED));
    verifier_set_special_tag('tceS', false);
}

static void retired_pages_go_back_after_the_ring_turns(struct ktest *t)
{
    verifier_set_special_tag('tceS', true);
    char *first = ExAllocatePoolWithTag(NonPagedPool, 8, 'tceS');
    ExFreePool(first);
    for (unsigned i = 0; i < SPECIAL_POOL_RETIRED; i++)
        ExFreePool(ExAllocatePoolWithTag(NonPagedPool, 8, 'tceS'));
    KT_EXPECT(t, pte_kind_of(pte_at(first)) == PTE_KIND_NONE && pte_kind_of(pte_at(first + 4096)) == PTE_KIND_NONE);
    verifier_set_special_tag('tceS', false);
}

/* The sample image, passed as a Multiboot module (tests/qemu.py passes the samples by default). */
static void the_sample_driver_allocates_as_itself_and_unloads_clean(struct ktest *t)
{
    struct driver *d = driver_find("sample");
    KT_EXPECT(t, d && d->status != DRIVER_LOADED);
    if (!d)
        return;
    struct verifier_driver *v = d->verifier;
    const char *why;
    verifier_set_driver_flags(v, VERIFIER_TRACK_POOL);
    KT_EXPECT(t, driver_load(d, &why, 0, 0) == STATUS_SUCCESS && d->status == DRIVER_LOADED);
    /* its context, the paged buffer of 1024 bytes, four lookaside entries of 64 (bytes as asked for) */
    KT_EXPECT(t, v->live_allocations == 6 && v->live_bytes > 1024 + 4 * 64 && v->live_bytes < 2048);
    KT_EXPECT(t, v->allocations == 6 && v->bytes >= v->live_bytes + 6 * 8); /* charged: block bytes */
    const UNICODE_STRING *name = &d->object.DriverName;
    KT_EXPECT(t, name->Length == 14 * sizeof(WCHAR) && name->Buffer[0] == '\\' && name->Buffer[8] == 's');
    KT_EXPECT(t, d->image.base >= DRIVER_IMAGES_START && d->image.base + d->image.size <= DRIVER_IMAGES_END);
    void *mine = ExAllocatePoolWithTag(PagedPool, 10, 'enoM'); /* outside the driver: not counted */
    KT_EXPECT(t, v->live_allocations == 6 && v->allocations == 6);
    ExFreePool(mine);
    KT_EXPECT(t, driver_unload(d, 0, 0) && d->status == DRIVER_UNLOADED && v->live_allocations == 0 &&
                     v->live_bytes == 0 && v->allocations == 0 && v->bytes == 0 && d->image.pages == 0);
    verifier_set_driver_flags(v, 0);
    KT_EXPECT(t, !verifier_active);
}

static const struct ktest_case cases[] = {
    { "special_blocks_sit_before_a_guard_page", special_blocks_sit_before_a_guard_page },
    { "retired_pages_go_back_after_the_ring_turns", retired_pages_go_back_after_the_ring_turns },
    { "the_sample_driver_allocates_as_itself_and_unloads_clean", the_sample_driver_allocates_as_itself_and_unloads_clean },
};
KTEST_SUITE(verifier_suite, "verifier", cases);
