#include "mm/driver_images.h"

#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "mm/commit.h"
#include "mm/frames.h"
#include "mm/image_protect.h"
#include "mm/layout.h"
#include "mm/locked_pages.h"
#include "mm/mm_lock.h"
#include "mm/page_backing.h"
#include "mm/page_table.h"
#include "mm/pte.h"
#include "mm/reclaim.h"
#include "mm/resident.h"
#include "mm/va_range.h"
#include "mm/working_set.h"

static uint32_t image_bitmap[BITMAP_WORDS((DRIVER_IMAGES_END - DRIVER_IMAGES_START) / PAGE_SIZE)];
static struct va_range images;

void driver_images_init(void)
{
    va_range_init(&images, image_bitmap, DRIVER_IMAGES_START, DRIVER_IMAGES_END);
}

uint32_t driver_images_reserve(uint32_t npages)
{
    KIRQL lock = mm_lock();
    uint32_t va = npages ? va_range_alloc(&images, npages) : 0;
    mm_unlock(lock);
    return va;
}

/* A bit per page of the range: the image holds the page resident (a nonpaged or locked section's
 * page, locked_pages_hold's lock), so that saying so twice takes one lock and pageable again drops it. */
static uint32_t held_bits[IMAGE_PROTECT_WORDS];

/* Sets the page's bit to on; whether it was on. */
static bool held_swap(uint32_t page, bool on)
{
    uint32_t bit = (page - DRIVER_IMAGES_START) / PAGE_SIZE, mask = 1u << bit % 32;
    bool was = held_bits[bit / 32] & mask;
    held_bits[bit / 32] = on ? held_bits[bit / 32] | mask : held_bits[bit / 32] & ~mask;
    return was;
}

bool driver_images_map(uint32_t va, uint32_t npages)
{
    KIRQL lock = mm_lock();
    bool ok = commit_charge(npages);
    if (ok && !(ok = page_backing_resident(va, npages)))
        commit_return(npages);
    for (uint32_t i = 0; ok && i < npages; i++) { /* held by the image, pageable if it says so later */
        uint32_t page = va + i * PAGE_SIZE;
        held_swap(page, true);
        locked_pages_adopt(pte_payload(*pte_of(page)));
    }
    reclaim_balance();
    mm_unlock(lock);
    if (ok) /* frames come from any list: an image's pages start as zeros, as .bss must */
        memset((void *)va, 0, npages * PAGE_SIZE);
    return ok;
}

bool driver_images_map_pageable(uint32_t va, uint32_t npages)
{
    KIRQL lock = mm_lock();
    bool ok = commit_charge(npages);
    if (ok)
        page_backing_demand_zero(va, npages);
    mm_unlock(lock);
    return ok;
}

void driver_images_protect(uint32_t va, uint32_t npages)
{
    KIRQL lock = mm_lock();
    image_protect_set(va, npages, true);
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t page = va + i * PAGE_SIZE, pte = *pte_of(page);
        if (pte & PTE_VALID)
            pte_store(page, pte & ~PTE_WRITE);
    }
    mm_unlock(lock);
}

void driver_images_unmap(uint32_t va, uint32_t npages)
{
    KIRQL lock = mm_lock();
    uint32_t released = 0;
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t page = va + i * PAGE_SIZE;
        uint32_t pte = *pte_of(page);
        if (pte) { /* valid, or a pageable page anywhere it may be */
            if (pte & PTE_VALID)
                locked_pages_drop(pte_payload(pte)); /* sections still locked, or pages a driver left locked */
            held_swap(page, false);
            page_backing_release(page);
            released++;
        }
    }
    commit_return(released);
    image_protect_set(va, npages, false);
    mm_unlock(lock);
}

void driver_images_make_resident(uint32_t va, uint32_t npages)
{
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t page = va + i * PAGE_SIZE;
        for (;;) {
            KIRQL lock = mm_lock();
            uint32_t pte = *pte_of(page);
            if ((pte & PTE_VALID) && !held_swap(page, true) && !locked_pages_hold(pte_payload(pte)))
                reclaim_no_pages_available();
            mm_unlock(lock);
            if (pte & PTE_VALID || !pte)
                break; /* resident now, or not mapped at all */
            (void)*(volatile uint8_t *)page; /* out: the page-fault path brings it back */
        }
    }
}

void driver_images_make_pageable(uint32_t va, uint32_t npages)
{
    KIRQL lock = mm_lock();
    for (uint32_t i = 0; i < npages; i++) {
        uint32_t page = va + i * PAGE_SIZE, pte = *pte_of(page);
        if ((pte & PTE_VALID) && held_swap(page, false))
            locked_pages_release(page, pte_payload(pte));
    }
    mm_unlock(lock);
}

void driver_images_release(uint32_t va, uint32_t npages)
{
    driver_images_unmap(va, npages);
    KIRQL lock = mm_lock();
    va_range_free(&images, va, npages);
    mm_unlock(lock);
}
