#include "drivers/pe.h"

#include "kernel/lib/kstring.h"

#define DOS_MAGIC 0x5A4Du /* "MZ" */
#define PE_SIGNATURE 0x00004550u /* "PE\0\0" */
#define MACHINE_I386 0x014Cu
#define OPTIONAL_MAGIC_PE32 0x010Bu
#define SUBSYSTEM_NATIVE 1u
#define FILE_RELOCS_STRIPPED 0x0001u
#define FILE_EXECUTABLE 0x0002u
#define COFF_HEADER_SIZE 20u
#define OPTIONAL_FIXED_SIZE 96u /* the PE32 optional header up to its data directories */
#define DIR_IMPORT 1u
#define DIR_BASERELOC 5u
#define DIRS_MAX 16u
#define RELOC_ABSOLUTE 0u
#define RELOC_HIGHLOW 3u
#define IMPORT_DESCRIPTOR_SIZE 20u
#define IMPORT_BY_ORDINAL 0x80000000u
#define IMPORTS_MAX 4096u /* routines per DLL */
#define NAME_MAX_BYTES 255u

static uint32_t rd16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t rd32(const uint8_t *p)
{
    return rd16(p) | rd16(p + 2) << 16;
}

/* Whether [off, off + len) lies within a buffer of size bytes, without overflow. */
static bool in_bounds(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

static bool power_of_two(uint32_t x)
{
    return x && !(x & (x - 1));
}

bool pe_section_is_init(const struct pe_section *s)
{
    return strcmp(s->name, "INIT") == 0;
}

bool pe_section_is_pageable(const struct pe_section *s)
{
    return strncmp(s->name, "PAGE", 4) == 0;
}

bool pe_section_is_dropped(const struct pe_section *s)
{
    return (s->flags & PE_SCN_DISCARDABLE) && !pe_section_is_init(s);
}

/* The section whose image bytes hold [rva, rva + len), or NULL. */
static const struct pe_section *section_of(const struct pe_image *img, uint32_t rva, uint32_t len)
{
    for (unsigned i = 0; i < img->section_count; i++) {
        const struct pe_section *s = &img->sections[i];
        if (rva >= s->rva && in_bounds(rva - s->rva, len, s->size))
            return s;
    }
    return 0;
}

/* The file bytes behind [rva, rva + len) when all of them come from one section's raw data, or NULL. */
static const uint8_t *file_bytes(const struct pe_image *img, uint32_t rva, uint32_t len)
{
    const struct pe_section *s = section_of(img, rva, len);
    if (!s || !in_bounds(rva - s->rva, len, s->file_size))
        return 0;
    return img->file + s->file_offset + (rva - s->rva);
}

/* A NUL-terminated name of 1 to NAME_MAX_BYTES bytes in the raw data at rva, or NULL. */
static const char *file_string(const struct pe_image *img, uint32_t rva)
{
    const struct pe_section *s = section_of(img, rva, 1);
    if (!s || rva - s->rva >= s->file_size)
        return 0;
    const char *p = (const char *)img->file + s->file_offset + (rva - s->rva);
    uint32_t room = s->file_size - (rva - s->rva);
    for (uint32_t i = 0; i < room && i <= NAME_MAX_BYTES; i++)
        if (p[i] == '\0')
            return i ? p : 0;
    return 0;
}

/* Whether the loader maps [rva, rva + len): inside a section that is not dropped. */
static bool mapped(const struct pe_image *img, uint32_t rva, uint32_t len)
{
    const struct pe_section *s = section_of(img, rva, len);
    return s && !pe_section_is_dropped(s);
}

static const char *walk_relocs(const struct pe_image *img, pe_reloc_fn fn, void *ctx)
{
    if (img->reloc_size == 0)
        return 0;
    const uint8_t *p = file_bytes(img, img->reloc_rva, img->reloc_size);
    if (!p)
        return "relocations outside the image's raw data";
    for (uint32_t at = 0; at < img->reloc_size;) {
        if (img->reloc_size - at < 8)
            return "truncated relocation block";
        uint32_t page = rd32(p + at), block = rd32(p + at + 4);
        if (block < 8 || block % 2 || block > img->reloc_size - at)
            return "bad relocation block size";
        for (uint32_t e = at + 8; e < at + block; e += 2) {
            uint32_t entry = rd16(p + e), type = entry >> 12, rva = page + (entry & 0xFFF);
            if (type == RELOC_ABSOLUTE)
                continue;
            if (type != RELOC_HIGHLOW)
                return "relocation type other than HIGHLOW";
            if (rva < page || !mapped(img, rva, 4))
                return "relocation outside the mapped sections";
            if (fn)
                fn(ctx, rva);
        }
        at += block;
    }
    return 0;
}

static const char *walk_imports(const struct pe_image *img, pe_import_fn fn, void *ctx, bool *stopped)
{
    if (img->import_size == 0)
        return 0;
    for (uint32_t d = img->import_rva;; d += IMPORT_DESCRIPTOR_SIZE) {
        const uint8_t *desc = file_bytes(img, d, IMPORT_DESCRIPTOR_SIZE);
        if (!desc)
            return "import directory outside the image's raw data";
        uint32_t lookup = rd32(desc), name_rva = rd32(desc + 12), iat = rd32(desc + 16);
        if (!lookup && !name_rva && !iat)
            return 0;
        const char *dll = file_string(img, name_rva);
        if (!dll)
            return "bad import DLL name";
        if (!iat)
            return "import without an address table";
        if (!lookup)
            lookup = iat;
        for (uint32_t i = 0;; i++) {
            if (i == IMPORTS_MAX)
                return "too many imports from one DLL";
            const uint8_t *thunk = file_bytes(img, lookup + i * 4, 4);
            if (!thunk)
                return "import lookup table outside the image's raw data";
            uint32_t t = rd32(thunk);
            if (t == 0)
                break;
            if (t & IMPORT_BY_ORDINAL)
                return "import by ordinal (only names are resolved)";
            const char *routine = file_string(img, t + 2);
            if (!routine || !file_bytes(img, t, 2))
                return "bad import name";
            uint32_t slot = iat + i * 4;
            if (slot < iat || !mapped(img, slot, 4))
                return "import address table outside the mapped sections";
            if (fn && !fn(ctx, dll, routine, slot)) {
                *stopped = true;
                return 0;
            }
        }
    }
}

/* The section table: in order, apart, inside the image, raw data inside the file. */
static const char *parse_sections(struct pe_image *img, const uint8_t *table, unsigned count)
{
    uint32_t next_free = img->headers_size;
    for (unsigned i = 0; i < count; i++) {
        const uint8_t *h = table + i * PE_SECTION_HEADER_SIZE;
        struct pe_section *s = &img->sections[i];
        memcpy(s->name, h, 8);
        s->name[8] = '\0';
        uint32_t vsize = rd32(h + 8), raw = rd32(h + 16);
        s->rva = rd32(h + 12);
        s->size = vsize ? vsize : raw;
        s->file_size = raw < s->size ? raw : s->size;
        s->file_offset = rd32(h + 20);
        s->flags = rd32(h + 36);
        if (s->size == 0)
            return "empty section";
        if (s->rva < next_free)
            return "sections overlap or are out of order";
        if (!in_bounds(s->rva, s->size, img->image_size))
            return "section beyond the image size";
        if (s->file_size && !in_bounds(s->file_offset, s->file_size, img->file_size))
            return "section data beyond the end of the file";
        next_free = s->rva + s->size;
    }
    img->section_count = count;
    return 0;
}

const char *pe_parse(const uint8_t *file, size_t size, struct pe_image *img)
{
    memset(img, 0, sizeof(*img));
    img->file = file;
    img->file_size = size;
    if (size < 0x40 || rd16(file) != DOS_MAGIC)
        return "not a PE image (no MZ header)";
    uint32_t pe = rd32(file + 0x3C);
    if (!in_bounds(pe, 4 + COFF_HEADER_SIZE, size) || rd32(file + pe) != PE_SIGNATURE)
        return "not a PE image (no PE signature)";
    const uint8_t *coff = file + pe + 4;
    uint32_t machine = rd16(coff), sections = rd16(coff + 2), opt_size = rd16(coff + 16);
    uint32_t characteristics = rd16(coff + 18);
    img->timestamp = rd32(coff + 4);
    if (machine != MACHINE_I386)
        return "machine is not i386";
    if (!(characteristics & FILE_EXECUTABLE))
        return "not an executable image";
    if (characteristics & FILE_RELOCS_STRIPPED)
        return "relocations stripped (the image cannot move)";
    uint64_t opt_at = (uint64_t)pe + 4 + COFF_HEADER_SIZE;
    if (opt_size < OPTIONAL_FIXED_SIZE || !in_bounds(opt_at, opt_size, size))
        return "truncated optional header";
    const uint8_t *opt = file + opt_at;
    if (rd16(opt) != OPTIONAL_MAGIC_PE32)
        return "not a PE32 image";
    if (rd16(opt + 68) != SUBSYSTEM_NATIVE)
        return "subsystem is not native";
    img->entry_rva = rd32(opt + 16);
    img->image_base = rd32(opt + 28);
    uint32_t section_align = rd32(opt + 32), file_align = rd32(opt + 36);
    img->image_size = rd32(opt + 56);
    img->headers_size = rd32(opt + 60);
    uint32_t dirs = rd32(opt + 92);
    if (!power_of_two(section_align) || !power_of_two(file_align))
        return "bad section or file alignment";
    if (img->image_size == 0 || img->image_size > PE_MAX_IMAGE_SIZE)
        return "image size 0 or over 16 MiB";
    if (dirs > DIRS_MAX || opt_size < OPTIONAL_FIXED_SIZE + dirs * 8)
        return "bad data directory count";
    if (sections == 0 || sections > PE_MAX_SECTIONS)
        return "bad section count";
    uint64_t table_at = opt_at + opt_size, table_end = table_at + (uint64_t)sections * PE_SECTION_HEADER_SIZE;
    if (table_end > size)
        return "section table beyond the end of the file";
    if (img->headers_size < table_end || img->headers_size > img->image_size || img->headers_size > size)
        return "bad size of headers";
    if (dirs > DIR_IMPORT) {
        img->import_rva = rd32(opt + OPTIONAL_FIXED_SIZE + DIR_IMPORT * 8);
        img->import_size = rd32(opt + OPTIONAL_FIXED_SIZE + DIR_IMPORT * 8 + 4);
    }
    if (dirs > DIR_BASERELOC) {
        img->reloc_rva = rd32(opt + OPTIONAL_FIXED_SIZE + DIR_BASERELOC * 8);
        img->reloc_size = rd32(opt + OPTIONAL_FIXED_SIZE + DIR_BASERELOC * 8 + 4);
    }
    img->section_table = (uint32_t)table_at;
    const char *why = parse_sections(img, file + table_at, sections);
    if (why)
        return why;
    const struct pe_section *entry = section_of(img, img->entry_rva, 1);
    if (!entry || !(entry->flags & (PE_SCN_EXECUTE | PE_SCN_CODE)) || pe_section_is_dropped(entry))
        return "entry point outside the code";
    if ((why = walk_relocs(img, 0, 0)))
        return why;
    bool stopped = false;
    return walk_imports(img, 0, 0, &stopped);
}

void pe_each_reloc(const struct pe_image *img, pe_reloc_fn fn, void *ctx)
{
    walk_relocs(img, fn, ctx);
}

bool pe_each_import(const struct pe_image *img, pe_import_fn fn, void *ctx)
{
    bool stopped = false;
    walk_imports(img, fn, ctx, &stopped);
    return !stopped;
}
