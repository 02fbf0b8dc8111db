/* A page fault: resolve it from the PTE's software format, or stop with the bugcheck that says why
 * it cannot be. Runs with interrupts off (an interrupt gate), which is the memory manager's lock. */
#include "mm/fault.h"

#include "hal/cpu.h"
#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/image_protect.h"
#include "mm/mm_counters.h"
#include "mm/page_table.h"
#include "mm/pager.h"
#include "mm/reclaim.h"
#include "mm/working_set.h"

#define PF_PRESENT 1u
#define PF_WRITE 2u

/* The same fault this many times in a row, nothing else resolved in between: the system cannot keep
 * the page in long enough for the instruction to finish. */
#define FAULT_REPEAT_LIMIT 1000

static struct {
    uint32_t va, eip, count;
} repeat;

static uint32_t frame_or_bugcheck(enum pfn_state state, bool zero)
{
    uint32_t pfn = reclaim_frame(state, zero);
    if (pfn == PFN_NONE)
        reclaim_no_pages_available();
    return pfn;
}

/* The watchdog: a fault that makes no progress is a bugcheck, never a spin. */
static void count_repeat(uint32_t va, uint32_t eip)
{
    if (va == repeat.va && eip == repeat.eip) {
        if (++repeat.count >= FAULT_REPEAT_LIMIT)
            reclaim_no_pages_available();
    } else {
        repeat.va = va;
        repeat.eip = eip;
        repeat.count = 0;
    }
}

void mm_fault_progress(void)
{
    repeat.count = 0;
}

/* The frame becomes the page's: valid (read-only for a driver's code or read-only data), in the
 * working set. */
static void make_resident(uint32_t va, uint32_t pfn, struct pfn_entry *e, uint32_t extra_flags)
{
    e->pte_va = pte_address(va);
    uint32_t write = image_protect_readonly(va) ? 0 : PTE_WRITE;
    /* Accessed already: the retried instruction touches it, and trimming must not take it first. */
    pte_store(va, pte_make_valid(pfn, write | PTE_ACCESSED | extra_flags));
    ws_add(va, e);
}

static void resolve_demand_zero(uint32_t va)
{
    uint32_t pfn = frame_or_bugcheck(PFN_ACTIVE, true);
    make_resident(va, pfn, pfn_linked(frames_db(), pfn), 0);
    mm_counters.faults_dz++;
}

/* A soft fault: the frame still holds the page. One taken off the modified list is still dirty. */
static void resolve_transition(uint32_t va, uint32_t pfn)
{
    struct pfn_entry *e = pfn_entry(frames_db(), pfn);
    bool dirty = e->state == PFN_MODIFIED;
    pfn_move(frames_db(), pfn, PFN_ACTIVE);
    make_resident(va, pfn, e, dirty ? PTE_DIRTY : 0);
    mm_counters.faults_soft++;
}

/* A hard fault: read the page back from its slot, which stays its clean copy. */
static void resolve_pagefile(uint32_t va, uint32_t slot)
{
    uint32_t pfn = frame_or_bugcheck(PFN_ACTIVE, false);
    struct pfn_entry *e = pfn_linked(frames_db(), pfn);
    pager_read_frame(slot, pfn, va);
    e->slot = slot;
    make_resident(va, pfn, e, 0);
    mm_counters.faults_hard++;
}

/* A no-access page of the special pool is a guard page (an overrun: 0xCD) or a page freed lately (a
 * use after free: 0xCC); any other invalid reference is 0x50, or 0x0A at DISPATCH_LEVEL or above,
 * where Windows checks the IRQL first. */
static uint32_t invalid_reference_code(uint32_t va)
{
    uint32_t pte = va >= SPECIAL_POOL_START && va < SPECIAL_POOL_END && page_table_present(va) ? *pte_of(va) : 0;
    if (pte_kind_of(pte) == PTE_KIND_NO_ACCESS)
        return pte_payload(pte) == PTE_NO_ACCESS_FREED ? BUGCHECK_PAGE_FAULT_IN_FREED_SPECIAL_POOL
                                                       : BUGCHECK_PAGE_FAULT_BEYOND_END_OF_ALLOCATION;
    return KeGetCurrentIrql() >= DISPATCH_LEVEL ? BUGCHECK_IRQL_NOT_LESS_OR_EQUAL : BUGCHECK_PAGE_FAULT_IN_NONPAGED_AREA;
}

/* The access of 0x0A and 0xD1: 0 read, 1 write, 8 execute. Without NX the CPU reports no fetch bit,
 * but a fault on the instruction's own page can only be its fetch (any other access to that page
 * would find it present); so can one on the next page's first bytes by an instruction that crosses
 * into it. */
static uint32_t access_type(const struct trap_frame *f, uint32_t va)
{
    if (f->error_code & PF_WRITE)
        return 1;
    bool fetch = (va ^ f->eip) < PAGE_SIZE || (va % PAGE_SIZE == 0 && va - f->eip < 16);
    return fetch ? 8 : 0;
}

/* 0x0A's parameters: the address, the IRQL, the access, the instruction; 0xD1 with the same ones when
 * the instruction lies in a driver image (executing paged-out driver code: p1 = p4, p3 = 8). */
static __attribute__((noreturn)) void irql_not_less_or_equal(struct trap_frame *f, uint32_t va)
{
    bool in_driver = f->eip >= DRIVER_IMAGES_START && f->eip < DRIVER_IMAGES_END;
    bugcheck_from_trap(in_driver ? BUGCHECK_DRIVER_IRQL_NOT_LESS_OR_EQUAL : BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, va,
                       KeGetCurrentIrql(), access_type(f, va), f->eip, f);
}

static __attribute__((noreturn)) void invalid_reference(struct trap_frame *f, uint32_t va)
{
    uint32_t code = invalid_reference_code(va);
    if (code == BUGCHECK_IRQL_NOT_LESS_OR_EQUAL)
        irql_not_less_or_equal(f, va);
    /* The same parameters for 0x50, 0xCC and 0xCD: p1 the address, p2 0 read / 1 write, p3 the
     * instruction, p4 reserved. */
    bugcheck_from_trap(code, va, (f->error_code & PF_WRITE) >> 1, f->eip, 0, f);
}

void mm_page_fault(struct trap_frame *f)
{
    uint32_t va = cpu_read_cr2();
    if (va < KERNEL_VBASE || !page_table_present(va))
        invalid_reference(f, va);
    uint32_t pte = *pte_of(va);
    if (f->error_code & PF_PRESENT) {
        if ((f->error_code & PF_WRITE) && (pte & PTE_VALID) && !(pte & PTE_WRITE))
            bugcheck_from_trap(BUGCHECK_ATTEMPTED_WRITE_TO_READONLY_MEMORY, va, pte, f->eip, 0, f);
        invalid_reference(f, va);
    }
    enum pte_kind kind = pte_kind_of(pte);
    if (kind == PTE_KIND_VALID) { /* a stale translation: the PTE is already right */
        tlb_flush_page(va);
        return;
    }
    if (kind != PTE_KIND_DEMAND_ZERO && kind != PTE_KIND_TRANSITION && kind != PTE_KIND_PAGEFILE)
        invalid_reference(f, va);
    if (KeGetCurrentIrql() >= DISPATCH_LEVEL)
        irql_not_less_or_equal(f, va);
    count_repeat(va, f->eip);
    /* Make room first: the page brought in below is then never the one trimmed before the faulting
     * instruction runs again. */
    reclaim_balance();
    uint32_t page = va & PTE_FRAME_MASK;
    if (kind == PTE_KIND_DEMAND_ZERO)
        resolve_demand_zero(page);
    else if (kind == PTE_KIND_TRANSITION)
        resolve_transition(page, pte_payload(pte));
    else
        resolve_pagefile(page, pte_payload(pte));
}
