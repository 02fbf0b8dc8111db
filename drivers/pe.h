/* PE32 driver images (.sys): the checks before anything is mapped, and walks over what the loader
 * needs (sections, base relocations, imports by name). Pure: it reads a byte buffer and nothing else,
 * so the host unit tests and a fuzz target run it. Facts from Microsoft's PE/COFF specification. */
#ifndef PAGODA_PE_H
#define PAGODA_PE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PE_MAX_SECTIONS 96
#define PE_MAX_IMAGE_SIZE (16u << 20) /* a driver larger than 16 MiB is refused */
#define PE_SECTION_HEADER_SIZE 40u /* an IMAGE_SECTION_HEADER */

#define PE_SCN_CODE 0x00000020u
#define PE_SCN_UNINITIALIZED 0x00000080u
#define PE_SCN_DISCARDABLE 0x02000000u
#define PE_SCN_EXECUTE 0x20000000u
#define PE_SCN_WRITE 0x80000000u

struct pe_section {
    char name[9];              /* NUL-terminated (8 characters at most) */
    uint32_t rva, size;        /* in the image: size is the larger of virtual and raw */
    uint32_t file_offset, file_size; /* raw data, file_size <= size; the rest is zero */
    uint32_t flags;            /* IMAGE_SCN_* */
};

struct pe_image {
    const uint8_t *file;
    size_t file_size;
    uint32_t image_base, image_size, headers_size, entry_rva;
    uint32_t timestamp; /* TimeDateStamp of the file header, as the linker wrote it (0 if it wrote none) */
    uint32_t section_table; /* the section headers' offset in the file, which is their RVA too */
    uint32_t reloc_rva, reloc_size, import_rva, import_size;
    unsigned section_count;
    struct pe_section sections[PE_MAX_SECTIONS];
};

/* Checks every header, size and offset, the relocation blocks and the import directory. Returns 0 and
 * fills img, or a short reason ("not a PE image", "machine 0x8664 is not i386", ...). */
const char *pe_parse(const uint8_t *file, size_t size, struct pe_image *img);

/* Whether the section is INIT (released after DriverEntry) or dropped (discardable and not INIT:
 * .reloc, debug information). */
bool pe_section_is_init(const struct pe_section *s);
bool pe_section_is_dropped(const struct pe_section *s);
/* Whether it is pageable: PAGE, PAGEDATA, PAGE... as the WDK names them. */
bool pe_section_is_pageable(const struct pe_section *s);

/* Each HIGHLOW fixup of a parsed image: the RVA of the 32-bit word to move. */
typedef void (*pe_reloc_fn)(void *ctx, uint32_t rva);
void pe_each_reloc(const struct pe_image *img, pe_reloc_fn fn, void *ctx);

/* Each import by name: the DLL, the routine and the RVA of its IAT slot. The callback returns false to
 * stop (an unresolved name); pe_each_import then returns false. */
typedef bool (*pe_import_fn)(void *ctx, const char *dll, const char *routine, uint32_t iat_rva);
bool pe_each_import(const struct pe_image *img, pe_import_fn fn, void *ctx);

#endif
