/* Locked pages in the running kernel (mm/locked_pages.h): MDL locks on paged pool counted per page and
 * kept through trims and page-outs, a driver image's section holds and an MDL's lock on one page, and
 * contiguous runs (mm/contiguous.h) known by their first frame only. */
#include "kernel/ktest.h"
#include "kernel/wdm.h"
#include "mm/driver_images.h"
#include "mm/frames.h"
#include "mm/mm.h"
#include "mm/page_table.h"
#include "mm/pool_pages.h"

static struct mm_info before, after;

static struct pfn_entry *entry_of(const volatile void *va)
{
    return pfn_entry(frames_db(), pte_payload(*pte_of((uint32_t)va)));
}

/* An MDL with room for two frames, over [va, va + bytes). */
struct small_mdl {
    MDL mdl;
    PFN_NUMBER frames[2];
};

static PMDL describe(struct small_mdl *m, volatile void *va, ULONG bytes)
{
    m->mdl = (MDL){ .Size = sizeof *m, .StartVa = (PVOID)((uint32_t)va & ~0xFFFu),
                    .ByteOffset = (uint32_t)va & 0xFFF, .ByteCount = bytes };
    return &m->mdl;
}

static void two_mdls_lock_one_page_until_the_last_unlock(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(2, true); /* demand-zero: the probe brings both in */
    struct small_mdl a, b;
    mm_query(&before);
    MmProbeAndLockPages(describe(&a, p, 8192), KernelMode, IoWriteAccess);
    MmProbeAndLockPages(describe(&b, p + 10, 8), KernelMode, IoReadAccess);
    mm_query(&after);
    KT_EXPECT(t, after.faults_dz == before.faults_dz + 2 && after.frames_locked == before.frames_locked + 2);
    KT_EXPECT(t, entry_of(p)->state == PFN_LOCKED && entry_of(p)->locks == 2 && entry_of(p + 1024)->locks == 1);
    KT_EXPECT(t, a.frames[0] == b.frames[0] && a.frames[1] == pte_payload(*pte_of((uint32_t)(p + 1024))));
    KT_EXPECT(t, after.ws_pages == before.ws_pages && after.resident_available == before.resident_available - 2);
    MmUnlockPages(&a.mdl);
    KT_EXPECT(t, entry_of(p)->state == PFN_LOCKED && entry_of(p)->locks == 1 && entry_of(p + 1024)->state == PFN_ACTIVE);
    MmUnlockPages(&b.mdl);
    mm_query(&after);
    KT_EXPECT(t, entry_of(p)->state == PFN_ACTIVE && after.frames_locked == before.frames_locked);
    KT_EXPECT(t, after.ws_pages == before.ws_pages + 2 && after.resident_available == before.resident_available);
    pool_pages_free((void *)p, 2);
}

static void a_locked_page_stays_through_trims_and_page_outs(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(2, true);
    p[0] = 0x10CCED, p[1024] = 0xF2EE;
    struct small_mdl a;
    MmProbeAndLockPages(describe(&a, p, 4), KernelMode, IoModifyAccess);
    mm_page_out_all();
    KT_EXPECT(t, (*pte_of((uint32_t)p) & PTE_VALID) && !(*pte_of((uint32_t)(p + 1024)) & PTE_VALID));
    KT_EXPECT(t, entry_of(p)->state == PFN_LOCKED && p[0] == 0x10CCED);
    MmUnlockPages(&a.mdl);
    mm_page_out_all();
    KT_EXPECT(t, !(*pte_of((uint32_t)p) & PTE_VALID) && p[0] == 0x10CCED && p[1024] == 0xF2EE);
    pool_pages_free((void *)p, 2);
}

static void a_section_hold_and_an_mdl_lock_count_apart(struct ktest *t)
{
    uint32_t va = driver_images_reserve(1);
    KT_EXPECT(t, va && driver_images_map_pageable(va, 1));
    if (!va)
        return;
    *(volatile uint32_t *)va = 0x5EC7;
    driver_images_make_resident(va, 1);
    driver_images_make_resident(va, 1); /* said twice: held once */
    KT_EXPECT(t, entry_of((void *)va)->state == PFN_LOCKED && entry_of((void *)va)->locks == 1);
    struct small_mdl a;
    MmProbeAndLockPages(describe(&a, (void *)va, 4), KernelMode, IoReadAccess);
    KT_EXPECT(t, entry_of((void *)va)->locks == 2);
    driver_images_make_pageable(va, 1);
    driver_images_make_pageable(va, 1); /* the image's hold goes once; the MDL's stays */
    KT_EXPECT(t, entry_of((void *)va)->state == PFN_LOCKED && entry_of((void *)va)->locks == 1);
    MmUnlockPages(&a.mdl);
    KT_EXPECT(t, entry_of((void *)va)->state == PFN_ACTIVE);
    driver_images_release(va, 1);
}

static void a_contiguous_run_is_known_by_its_first_frame(struct ktest *t)
{
    PHYSICAL_ADDRESS any = { .QuadPart = 0xFFFFFFFF };
    char *c = MmAllocateContiguousMemory(3 * 4096, any);
    KT_EXPECT(t, c != 0);
    if (!c)
        return;
    KT_EXPECT(t, entry_of(c)->state == PFN_KERNEL && entry_of(c)->run == 3 && entry_of(c + 4096)->run == 0);
    uint32_t first = pte_payload(*pte_of((uint32_t)c));
    MmFreeContiguousMemory(c);
    KT_EXPECT(t, pfn_entry(frames_db(), first)->state == PFN_FREE && pfn_entry(frames_db(), first)->run == 0);
}

static const struct ktest_case locked_pages_cases[] = {
    { "two_mdls_lock_one_page_until_the_last_unlock", two_mdls_lock_one_page_until_the_last_unlock },
    { "a_locked_page_stays_through_trims_and_page_outs", a_locked_page_stays_through_trims_and_page_outs },
    { "a_section_hold_and_an_mdl_lock_count_apart", a_section_hold_and_an_mdl_lock_count_apart },
    { "a_contiguous_run_is_known_by_its_first_frame", a_contiguous_run_is_known_by_its_first_frame },
};
KTEST_SUITE(locked_pages_suite, "locked_pages", locked_pages_cases);
