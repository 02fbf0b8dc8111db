#include "drivers/loader.h"

#include "kernel/lib/kformat.h"
#include "kernel/lib/kstring.h"
#include "mm/driver_images.h"
#include "mm/layout.h"
#include "drivers/exports.h"
#include "drivers/pe.h"

/* Loads run one at a time from the console or at boot: one parsed image is enough, and too large
 * for the stack. */
/* Relocated words and IAT slots need not be aligned. */
typedef uint32_t unaligned_u32 __attribute__((aligned(1)));

static struct pe_image parsed;
static char reason[128];

struct import_pass {
    uint32_t base; /* 0: only check that every name resolves */
    const char *missing_dll, *missing_routine;
};

static bool resolve(void *ctx, const char *dll_name, const char *routine, uint32_t iat_rva)
{
    struct import_pass *pass = ctx;
    const struct export_dll *dll = exports_dll(dll_name);
    const void *address = dll ? exports_lookup(dll, routine) : 0;
    if (!address) {
        pass->missing_dll = dll_name;
        pass->missing_routine = routine;
        return false;
    }
    if (pass->base)
        *(unaligned_u32 *)(pass->base + iat_rva) = (uint32_t)address;
    return true;
}

static void relocate(void *ctx, uint32_t rva)
{
    const uint32_t *base_and_delta = ctx;
    *(unaligned_u32 *)(base_and_delta[0] + rva) += base_and_delta[1];
}

/* What the sections ask of page i of the image. */
struct page_use {
    bool mapped, writable, init_only, pageable;
};

static struct page_use page_use(const struct pe_image *img, uint32_t page)
{
    uint32_t lo = page * PAGE_SIZE, hi = lo + PAGE_SIZE;
    struct page_use u = { lo < img->headers_size, false, lo >= img->headers_size, lo >= img->headers_size };
    for (unsigned i = 0; i < img->section_count; i++) {
        const struct pe_section *s = &img->sections[i];
        if (pe_section_is_dropped(s) || s->rva >= hi || s->rva + s->size <= lo)
            continue;
        u.mapped = true;
        u.writable |= (s->flags & PE_SCN_WRITE) != 0;
        u.init_only &= pe_section_is_init(s);
        u.pageable &= pe_section_is_pageable(s);
    }
    u.init_only &= u.mapped;
    u.pageable &= u.mapped;
    return u;
}

static bool map_pages(const struct pe_image *img, struct loaded_image *out)
{
    for (uint32_t p = 0; p < out->pages; p++) {
        struct page_use u = page_use(img, p);
        uint32_t va = out->base + p * PAGE_SIZE;
        if (u.mapped && !(u.pageable ? driver_images_map_pageable(va, 1) : driver_images_map(va, 1)))
            return false;
    }
    return true;
}

/* The sections as MmLockPagable... and MmPageEntireDriver see them, one entry per section header. */
static void note_sections(const struct pe_image *img, struct loaded_image *out)
{
    out->section_table = img->section_table;
    out->section_count = img->section_count;
    for (unsigned i = 0; i < img->section_count; i++) {
        const struct pe_section *s = &img->sections[i];
        if (pe_section_is_dropped(s))
            continue; /* not mapped: count 0 */
        uint32_t first = s->rva / PAGE_SIZE, end = (s->rva + s->size + PAGE_SIZE - 1) / PAGE_SIZE;
        out->sections[i] = (struct loaded_section){ .first = (uint16_t)first, .count = (uint16_t)(end - first),
                                                    .pageable = pe_section_is_pageable(s),
                                                    .init = pe_section_is_init(s) };
    }
}

static void copy_sections(const struct pe_image *img, uint32_t base)
{
    memcpy((void *)base, img->file, img->headers_size);
    for (unsigned i = 0; i < img->section_count; i++) {
        const struct pe_section *s = &img->sections[i];
        if (!pe_section_is_dropped(s) && s->file_size)
            memcpy((void *)(base + s->rva), img->file + s->file_offset, s->file_size);
    }
}

/* Write-protects code and read-only data, pageable or not (a pageable page comes back from the paging
 * file read-only too), and notes the runs of INIT-only pages. */
static void protect(const struct pe_image *img, struct loaded_image *out)
{
    unsigned runs = 0;
    for (uint32_t p = 0; p < out->pages; p++) {
        struct page_use u = page_use(img, p);
        if (u.mapped && !u.writable)
            driver_images_protect(out->base + p * PAGE_SIZE, 1);
        if (!u.init_only)
            continue;
        if (runs && out->init[runs - 1].first + out->init[runs - 1].count == p)
            out->init[runs - 1].count++;
        else if (runs < LOADER_INIT_RUNS)
            out->init[runs++] = (typeof(out->init[0])){ p, 1 };
    }
}

const char *loader_map(const uint8_t *file, size_t size, struct loaded_image *out)
{
    *out = (struct loaded_image){ 0 };
    const char *why = pe_parse(file, size, &parsed);
    if (why)
        return why;
    struct import_pass pass = { 0, 0, 0 };
    if (!pe_each_import(&parsed, resolve, &pass)) {
        ksnprintf(reason, sizeof(reason), "unresolved import %s!%s", pass.missing_dll, pass.missing_routine);
        return reason;
    }
    uint32_t pages = (parsed.image_size + PAGE_SIZE - 1) / PAGE_SIZE;
    uint32_t base = driver_images_reserve(pages);
    if (!base)
        return "no room in the driver-image range";
    *out = (struct loaded_image){ .base = base, .pages = pages, .size = parsed.image_size,
                                  .linked_base = parsed.image_base, .entry = base + parsed.entry_rva,
                                  .timestamp = parsed.timestamp };
    note_sections(&parsed, out);
    if (!map_pages(&parsed, out)) {
        loader_unmap(out);
        return "out of memory for the image (commit or resident pages)";
    }
    copy_sections(&parsed, base);
    uint32_t base_and_delta[2] = { base, base - parsed.image_base };
    pe_each_reloc(&parsed, relocate, base_and_delta);
    pass.base = base;
    pe_each_import(&parsed, resolve, &pass);
    protect(&parsed, out);
    return 0;
}

void loader_release_init(struct loaded_image *image)
{
    for (unsigned i = 0; i < LOADER_INIT_RUNS; i++)
        if (image->init[i].count)
            driver_images_unmap(image->base + image->init[i].first * PAGE_SIZE, image->init[i].count);
    memset(image->init, 0, sizeof(image->init));
    for (unsigned i = 0; i < image->section_count; i++)
        if (image->sections[i].init)
            image->sections[i].count = 0;
}

void loader_unmap(struct loaded_image *image)
{
    if (image->pages)
        driver_images_release(image->base, image->pages);
    *image = (struct loaded_image){ 0 };
}
