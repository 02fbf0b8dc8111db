/* The memory manager in the running kernel: mappings, each kind of page fault, the paging file. */
#include "hal/cpu.h"
#include "hal/page_sum.h"
#include "kernel/ktest.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/mm.h"
#include "mm/page_table.h"
#include "mm/pool_pages.h"
#include "tests/kernel/page_sum_reference.h"

extern char boot_stack_guard[], kernel_image_end[];

static struct mm_info before, after;

/* An address whose page table went (the last page under it freed) has no PTE at all. */
static enum pte_kind kind_of(const volatile void *va)
{
    return page_table_present((uint32_t)va) ? pte_kind_of(*pte_of((uint32_t)va)) : PTE_KIND_NONE;
}

static void map_and_unmap_io_space(struct ktest *t)
{
    uint32_t pfn = frame_take(PFN_KERNEL, false);
    PHYSICAL_ADDRESS pa = { .QuadPart = (LONGLONG)pfn * 4096 + 0x10 };
    volatile uint32_t *p = MmMapIoSpace(pa, 8, MmNonCached);
    KT_EXPECT(t, p != 0 && ((uint32_t)p & 0xFFF) == 0x10);
    KT_EXPECT(t, MmGetPhysicalAddress((PVOID)p).QuadPart == pa.QuadPart);
    KT_EXPECT(t, *pte_of((uint32_t)p) & PTE_CACHE_DISABLE);
    p[0] = 0xFEEDF00D;
    volatile uint32_t *q = MmMapIoSpace(pa, 4, MmCached); /* a second view of the same frame */
    KT_EXPECT(t, q && q != p && *q == 0xFEEDF00D);
    MmUnmapIoSpace((PVOID)q, 4);
    MmUnmapIoSpace((PVOID)p, 8);
    KT_EXPECT(t, kind_of(p) == PTE_KIND_NONE && MmGetPhysicalAddress((PVOID)p).QuadPart == 0);
    frame_release(pfn);
}

static void physical_address_of_the_low_map_and_of_nothing(struct ktest *t)
{
    KT_EXPECT(t, MmGetPhysicalAddress((PVOID)0x800B8000).QuadPart == 0xB8000);
    KT_EXPECT(t, MmGetPhysicalAddress((PVOID)0).QuadPart == 0);
    KT_EXPECT(t, MmGetPhysicalAddress((PVOID)PAGED_POOL_END).QuadPart == 0);
}

static void kernel_text_is_read_only_the_stack_has_a_guard_and_the_low_map_ends_with_the_image(struct ktest *t)
{
    uint32_t text = (uint32_t)map_and_unmap_io_space;
    KT_EXPECT(t, (*pte_of(text) & PTE_VALID) && !(*pte_of(text) & PTE_WRITE));
    KT_EXPECT(t, kind_of(boot_stack_guard) == PTE_KIND_NO_ACCESS);
    KT_EXPECT(t, kind_of(kernel_image_end) == PTE_KIND_NONE && kind_of((void *)0x80FFF000) == PTE_KIND_NONE);
    KT_EXPECT(t, cpu_read_cr0() & CR0_WP);
}

static void demand_zero_fault_gives_a_zeroed_page(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(2, true);
    KT_EXPECT(t, p && kind_of(p) == PTE_KIND_DEMAND_ZERO);
    mm_query(&before);
    uint32_t sum = 0;
    for (unsigned i = 0; i < 2048; i++)
        sum |= p[i];
    mm_query(&after);
    KT_EXPECT(t, sum == 0 && after.faults_dz == before.faults_dz + 2);
    KT_EXPECT(t, kind_of(p) == PTE_KIND_VALID && after.ws_pages == before.ws_pages + 2);
    pool_pages_free((void *)p, 2);
}

static void trimmed_page_comes_back_by_a_soft_fault(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(1, true);
    p[5] = 0x600DF00D;
    mm_trim_all();
    KT_EXPECT(t, kind_of(p) == PTE_KIND_TRANSITION);
    struct pfn_entry *e = pfn_entry(frames_db(), pte_payload(*pte_of((uint32_t)p)));
    KT_EXPECT(t, e->state == PFN_MODIFIED && e->pte_va == pte_address((uint32_t)p));
    mm_query(&before);
    KT_EXPECT(t, p[5] == 0x600DF00D);
    mm_query(&after);
    KT_EXPECT(t, after.faults_soft == before.faults_soft + 1 && after.pageins == before.pageins);
    KT_EXPECT(t, *pte_of((uint32_t)p) & PTE_DIRTY); /* still unwritten: it must go to modified again */
    pool_pages_free((void *)p, 1);
}

static void paged_out_page_comes_back_by_a_hard_fault(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(3, true);
    for (unsigned i = 0; i < 3 * 1024; i++)
        p[i] = i * 3 + 1;
    mm_query(&before);
    mm_page_out_all();
    mm_query(&after);
    KT_EXPECT(t, kind_of(p) == PTE_KIND_PAGEFILE && kind_of(p + 2048) == PTE_KIND_PAGEFILE);
    KT_EXPECT(t, after.pageouts >= before.pageouts + 3 && after.pagefile_used >= before.pagefile_used + 3);
    KT_EXPECT(t, after.frames_standby == 0 && after.frames_modified == 0);
    mm_query(&before);
    unsigned bad = 0;
    for (unsigned i = 0; i < 3 * 1024; i++)
        bad += p[i] != i * 3 + 1;
    mm_query(&after);
    KT_EXPECT(t, bad == 0 && after.faults_hard == before.faults_hard + 3 && after.pageins == before.pageins + 3);
    /* Clean now, with its copy kept: trimmed again it goes to standby with no write. */
    mm_trim_all();
    mm_query(&after);
    KT_EXPECT(t, after.frames_standby >= 3 && after.frames_modified == 0);
    uint32_t used = after.pagefile_used;
    pool_pages_free((void *)p, 3);
    mm_query(&after);
    KT_EXPECT(t, after.pagefile_used == used - 3);
}

static void nonpaged_pages_stay_resident(struct ktest *t)
{
    volatile uint32_t *p = pool_pages_alloc(2, false);
    KT_EXPECT(t, p && (uint32_t)p >= NONPAGED_POOL_START && (uint32_t)p < NONPAGED_POOL_END);
    p[1024] = 42;
    mm_page_out_all();
    KT_EXPECT(t, kind_of(p) == PTE_KIND_VALID && kind_of(p + 1024) == PTE_KIND_VALID && p[1024] == 42);
    KT_EXPECT(t, pfn_entry(frames_db(), pte_payload(*pte_of((uint32_t)p)))->state == PFN_KERNEL);
    pool_pages_free((void *)p, 2);
    KT_EXPECT(t, kind_of(p) == PTE_KIND_NONE);
}

static void allocation_beyond_the_commit_limit_fails_cleanly(struct ktest *t)
{
    mm_query(&before);
    uint32_t left = before.commit_limit - before.commit;
    KT_EXPECT(t, left > 0 && pool_pages_alloc(left + 1, true) == 0);
    void *all = pool_pages_alloc(left, true);
    KT_EXPECT(t, all != 0 && pool_pages_alloc(1, true) == 0);
    pool_pages_free(all, left);
    void *one = pool_pages_alloc(1, true);
    KT_EXPECT(t, one != 0);
    pool_pages_free(one, 1);
    mm_query(&after);
    KT_EXPECT(t, after.commit == before.commit);
}

/* Random reads and writes over pages that are trimmed and paged out at random moments: every page
 * keeps what was last written to it, whatever state it passed through. */
static void random_touches_survive_trims_and_page_outs(struct ktest *t)
{
    enum { PAGES = 48, STEPS = 6000 };
    volatile uint32_t *p = pool_pages_alloc(PAGES, true);
    uint32_t *shadow = pool_pages_alloc(1, false); /* the last value written to each page's word */
    KT_EXPECT(t, p && shadow);
    for (unsigned i = 0; i < PAGES; i++)
        shadow[i] = 0;
    uint32_t seed = 12345, bad = 0;
    for (unsigned step = 0; step < STEPS; step++) {
        seed = seed * 1103515245u + 12345u;
        unsigned page = (seed >> 8) % PAGES, word = page * 1024 + page % 1024;
        if (seed & 0x10000)
            p[word] = shadow[page] = step;
        else
            bad += p[word] != shadow[page];
        if (step % 97 == 0)
            mm_trim_all();
        if (step % 331 == 0)
            mm_page_out_all();
    }
    for (unsigned i = 0; i < PAGES; i++)
        bad += p[i * 1024 + i % 1024] != shadow[i];
    KT_EXPECT(t, bad == 0);
    pool_pages_free((void *)p, PAGES);
    pool_pages_free(shadow, 1);
}

/* The loop the CPU runs (SSE2 under QEMU) and the plain one give the host's figures for the same page. */
static void page_sum_loops_agree_with_the_reference(struct ktest *t)
{
    uint32_t *w = pool_pages_alloc(1, false), running = 0;
    for (unsigned i = 0; i < 1024; i++)
        w[i] = PAGE_SUM_REFERENCE_WORD(i);
    KT_EXPECT(t, page_sum(w, &running) == PAGE_SUM_REFERENCE_WORDS && running == PAGE_SUM_REFERENCE_RUNNING);
    running = 0;
    KT_EXPECT(t, page_sum_plain(w, &running) == PAGE_SUM_REFERENCE_WORDS && running == PAGE_SUM_REFERENCE_RUNNING);
    pool_pages_free(w, 1);
}

/* The idle loop's zeroed frames go to demand-zero faults; a request that zeroes nothing takes a free one. */
static void zeroed_frames_go_to_demand_zero_faults_first(struct ktest *t)
{
    mm_zero_page_idle();
    volatile uint32_t *p = pool_pages_alloc(1, true);
    mm_query(&before);
    uint32_t pfn = frame_take(PFN_KERNEL, false);
    mm_query(&after);
    KT_EXPECT(t, before.frames_zeroed >= 1 && after.frames_zeroed == before.frames_zeroed);
    KT_EXPECT(t, p[0] == 0);
    mm_query(&after);
    KT_EXPECT(t, after.faults_dz == before.faults_dz + 1 && after.frames_zeroed == before.frames_zeroed - 1);
    pool_pages_free((void *)p, 1);
    frame_release(pfn);
}

/* The database gets records for frames only when they are first needed: the boot leaves most of a
 * 128 MiB machine deferred, and emptying the free list brings in the next step of frames. */
static void frame_records_are_made_as_frames_are_first_needed(struct ktest *t)
{
    struct pfn_db *db = frames_db();
    KT_EXPECT(t, frames_deferred > 0 && db->count < mm_physmem()->frames_total / 2);
    uint32_t records = db->count, deferred = frames_deferred, chain = PFN_NONE, taken = 0;
    uint32_t free = db->in_state[PFN_FREE] + db->in_state[PFN_ZEROED] + frames_deferred;
    while (db->count == records) { /* every frame the free list has, and one more */
        uint32_t pfn = frame_take(PFN_KERNEL, false);
        pfn_entry(db, pfn)->slot = chain; /* a chain through the taken frames' records */
        chain = pfn;
        taken++;
    }
    KT_EXPECT(t, frames_deferred < deferred && frames_deferred + db->count - records >= deferred);
    while (chain != PFN_NONE) {
        uint32_t next = pfn_entry(db, chain)->slot;
        frame_release(chain);
        chain = next;
    }
    KT_EXPECT(t, taken > 1 && db->in_state[PFN_FREE] + db->in_state[PFN_ZEROED] + frames_deferred == free);
}

/* faultbench's preparation: records made ahead for as many free frames as asked, a step at a time and no
 * further; the frames stay free, only their records are new. */
static void frame_records_are_made_ahead_on_request(struct ktest *t)
{
    struct pfn_db *db = frames_db();
    uint32_t free = db->in_state[PFN_FREE] + db->in_state[PFN_ZEROED] + frames_deferred;
    uint32_t want = db->in_state[PFN_FREE] + 2500;
    mm_make_frame_records(want);
    KT_EXPECT(t, db->in_state[PFN_FREE] >= want && db->in_state[PFN_FREE] < want + 1024 && frames_deferred > 0);
    KT_EXPECT(t, db->in_state[PFN_FREE] + db->in_state[PFN_ZEROED] + frames_deferred == free);
}

/* The pages that hold the records are mapped as the records are made: the boot has not mapped the
 * database's last page, and has set frames aside for the pages still to come. */
static void record_pages_are_mapped_as_records_are_made(struct ktest *t)
{
    const struct physmem *pm = mm_physmem();
    const struct frame_run *last = &pm->runs[pm->run_count - 1];
    uint32_t made = PFN_DATABASE_START + frames_db()->count * sizeof(struct pfn_entry);
    uint32_t end = PFN_DATABASE_START + (last->first + last->count - pm->runs[0].first) * sizeof(struct pfn_entry);
    KT_EXPECT(t, page_table_present(end - 1) && (*pte_of(made - 1) & PTE_VALID) && !(*pte_of(end - 1) & PTE_VALID));
    KT_EXPECT(t, frames_reserved > 0);
}

static const struct ktest_case mm_cases[] = {
    { "frame_records_are_made_as_frames_are_first_needed", frame_records_are_made_as_frames_are_first_needed },
    { "frame_records_are_made_ahead_on_request", frame_records_are_made_ahead_on_request },
    { "record_pages_are_mapped_as_records_are_made", record_pages_are_mapped_as_records_are_made },
    { "zeroed_frames_go_to_demand_zero_faults_first", zeroed_frames_go_to_demand_zero_faults_first },
    { "page_sum_loops_agree_with_the_reference", page_sum_loops_agree_with_the_reference },
    { "map_and_unmap_io_space", map_and_unmap_io_space },
    { "physical_address_of_the_low_map_and_of_nothing", physical_address_of_the_low_map_and_of_nothing },
    { "kernel_text_is_read_only_the_stack_has_a_guard_and_the_low_map_ends_with_the_image",
      kernel_text_is_read_only_the_stack_has_a_guard_and_the_low_map_ends_with_the_image },
    { "demand_zero_fault_gives_a_zeroed_page", demand_zero_fault_gives_a_zeroed_page },
    { "trimmed_page_comes_back_by_a_soft_fault", trimmed_page_comes_back_by_a_soft_fault },
    { "paged_out_page_comes_back_by_a_hard_fault", paged_out_page_comes_back_by_a_hard_fault },
    { "nonpaged_pages_stay_resident", nonpaged_pages_stay_resident },
    { "allocation_beyond_the_commit_limit_fails_cleanly", allocation_beyond_the_commit_limit_fails_cleanly },
    { "random_touches_survive_trims_and_page_outs", random_touches_survive_trims_and_page_outs },
};
KTEST_SUITE(mm_suite, "mm", mm_cases);
