#include "drivers/image_paging.h"

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "mm/driver_images.h"
#include "mm/layout.h"

/* 0x1A MEMORY_MANAGEMENT's parameter 1: unlocking a section that is not locked (never locked, or
 * unlocked once too often), locking a section that does not exist. */
#define MM_UNLOCK_NOT_LOCKED 0x1010
#define MM_LOCK_NO_SECTION 0x1234
/* 0xC4's parameter 1 for the DDI compliance rule IrqlMmApcLte: these routines at IRQL > APC_LEVEL. */
#define RULE_IRQL_MM_APC_LTE 0x00020019

static image_paging_finder find_image;

void image_paging_set_finder(image_paging_finder find)
{
    find_image = find;
}

/* The rule every one of these routines states (IrqlMmApcLte); p2 the condition broken, as a string. */
static void check_irql(const char *violation)
{
    if (KeGetCurrentIrql() > APC_LEVEL)
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, RULE_IRQL_MM_APC_LTE, (ULONG_PTR)violation, 0, 0);
}

/* Whether page p of the image must stay in memory: a section over it is nonpaged by its attributes
 * (unless the whole image is pageable now) or locked. */
static bool page_resident(const struct loaded_image *img, uint32_t p)
{
    for (unsigned i = 0; i < img->section_count; i++) {
        const struct loaded_section *s = &img->sections[i];
        if (p - s->first < s->count && (s->locks || (!s->pageable && !img->paged_entirely)))
            return true;
    }
    return false;
}

/* Gives every section's pages the paging they must have now. */
static void apply(const struct loaded_image *img)
{
    for (unsigned i = 0; i < img->section_count; i++) {
        const struct loaded_section *s = &img->sections[i];
        for (uint32_t p = s->first; p < s->first + s->count; p++) {
            uint32_t va = img->base + p * PAGE_SIZE;
            if (page_resident(img, p))
                driver_images_make_resident(va, 1);
            else
                driver_images_make_pageable(va, 1);
        }
    }
}

static struct loaded_image *image_at(uint32_t address)
{
    return find_image ? find_image(address) : 0;
}

/* The mapped section that holds address, or NULL. */
static struct loaded_section *section_at(uint32_t address, struct loaded_image **image)
{
    struct loaded_image *img = *image = image_at(address);
    uint32_t p = img ? (address - img->base) / PAGE_SIZE : 0;
    for (unsigned i = 0; img && i < img->section_count; i++)
        if (p - img->sections[i].first < img->sections[i].count)
            return &img->sections[i];
    return 0;
}

static PVOID handle_of(const struct loaded_image *img, const struct loaded_section *s)
{
    return (PVOID)(img->base + img->section_table + (uint32_t)(s - img->sections) * PE_SECTION_HEADER_SIZE);
}

/* The mapped section whose header a handle points at, or NULL. */
static struct loaded_section *section_of_handle(const void *handle, struct loaded_image **image)
{
    struct loaded_image *img = *image = image_at((uint32_t)handle);
    uint32_t offset = img ? (uint32_t)handle - img->base - img->section_table : 1;
    uint32_t i = offset / PE_SECTION_HEADER_SIZE;
    if (offset % PE_SECTION_HEADER_SIZE || i >= img->section_count || !img->sections[i].count)
        return 0;
    return &img->sections[i];
}

static void lock(struct loaded_image *img, struct loaded_section *s)
{
    if (s->locks++ == 0)
        apply(img);
}

PVOID NTAPI MmLockPagableDataSection(PVOID AddressWithinSection)
{
    check_irql("IrqlMmApcLte: MmLockPagableDataSection (or MmLockPagableCodeSection) above APC_LEVEL");
    struct loaded_image *img;
    struct loaded_section *s = section_at((uint32_t)AddressWithinSection, &img);
    if (!s)
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, MM_LOCK_NO_SECTION, (ULONG_PTR)AddressWithinSection, 0, 0);
    lock(img, s);
    return handle_of(img, s);
}

VOID NTAPI MmLockPagableSectionByHandle(PVOID ImageSectionHandle)
{
    check_irql("IrqlMmApcLte: MmLockPagableSectionByHandle above APC_LEVEL");
    struct loaded_image *img;
    struct loaded_section *s = section_of_handle(ImageSectionHandle, &img);
    if (!s)
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, MM_LOCK_NO_SECTION, (ULONG_PTR)ImageSectionHandle, 0, 0);
    lock(img, s);
}

VOID NTAPI MmUnlockPagableImageSection(PVOID ImageSectionHandle)
{
    check_irql("IrqlMmApcLte: MmUnlockPagableImageSection above APC_LEVEL");
    struct loaded_image *img;
    struct loaded_section *s = section_of_handle(ImageSectionHandle, &img);
    if (!s || !s->locks)
        KeBugCheckEx(BUGCHECK_MEMORY_MANAGEMENT, MM_UNLOCK_NOT_LOCKED, (ULONG_PTR)ImageSectionHandle, 0, 0);
    if (--s->locks == 0)
        apply(img);
}

PVOID NTAPI MmPageEntireDriver(PVOID AddressWithinSection)
{
    check_irql("IrqlMmApcLte: MmPageEntireDriver above APC_LEVEL");
    struct loaded_image *img = image_at((uint32_t)AddressWithinSection);
    if (!img)
        return 0;
    img->paged_entirely = true;
    apply(img);
    return (PVOID)img->base;
}

VOID NTAPI MmResetDriverPaging(PVOID AddressWithinSection)
{
    check_irql("IrqlMmApcLte: MmResetDriverPaging above APC_LEVEL");
    struct loaded_image *img = image_at((uint32_t)AddressWithinSection);
    if (!img || !img->paged_entirely)
        return;
    img->paged_entirely = false;
    apply(img);
}
