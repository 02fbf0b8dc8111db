/* The PE parser (drivers/pe.c) on a small image built in bytes (pe_builder.c), broken one field at a
 * time: every bad image gets a reason, and no prefix of a good one is read out of bounds (ASan). */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lib/kstring.h"
#include "drivers/pe.h"
#include "tests/host/pe_builder.h"
#include "tests/host/unit.h"

static uint8_t image[PE_BUILDER_SIZE];
static struct pe_image parsed;

static uint32_t reloc_rvas[4], reloc_count;
static void note_reloc(void *ctx, uint32_t rva)
{
    (void)ctx;
    if (reloc_count < 4)
        reloc_rvas[reloc_count] = rva;
    reloc_count++;
}

static char import_dll[32], import_name[32];
static uint32_t import_slot, import_count;
static bool note_import(void *ctx, const char *dll, const char *routine, uint32_t iat_rva)
{
    (void)ctx;
    strlcpy(import_dll, dll, sizeof(import_dll));
    strlcpy(import_name, routine, sizeof(import_name));
    import_slot = iat_rva;
    import_count++;
    return true;
}

static bool refuse_import(void *ctx, const char *dll, const char *routine, uint32_t iat_rva)
{
    (void)ctx, (void)dll, (void)routine, (void)iat_rva;
    return false;
}

/* The reason pe_parse gives for the built image with one change, or NULL when it takes it. */
static const char *parse_with(void (*change)(uint8_t *))
{
    pe_builder_make(image);
    if (change)
        change(image);
    return pe_parse(image, sizeof(image), &parsed);
}

static bool says(const char *why, const char *part)
{
    if (!why)
        return false;
    for (size_t n = strlen(part); *why; why++)
        if (strncmp(why, part, n) == 0)
            return true;
    return false;
}

TEST(pe_takes_a_good_image_and_walks_its_relocations_and_imports)
{
    CHECK(parse_with(0) == 0);
    CHECK(parsed.section_count == 3 && parsed.image_base == 0x10000 && parsed.entry_rva == 0x200);
    CHECK(parsed.timestamp == PE_BUILDER_TIMESTAMP && parsed.section_table == PE_BUILDER_SECTIONS);
    CHECK(strcmp(parsed.sections[0].name, ".text") == 0 && parsed.sections[0].size == 0x10);
    CHECK(pe_section_is_dropped(&parsed.sections[2]) && !pe_section_is_dropped(&parsed.sections[0]));
    reloc_count = 0;
    pe_each_reloc(&parsed, note_reloc, 0);
    CHECK(reloc_count == 1 && reloc_rvas[0] == 0x201);
    import_count = 0;
    CHECK(pe_each_import(&parsed, note_import, 0));
    CHECK(import_count == 1 && strcmp(import_dll, "ntoskrnl.exe") == 0 && strcmp(import_name, "ExFreePool") == 0);
    CHECK(import_slot == 0x438);
    CHECK(!pe_each_import(&parsed, refuse_import, 0));
}

TEST(pe_refuses_every_truncation)
{
    pe_builder_make(image);
    /* The last bytes the image needs: .reloc's 12 (its raw data beyond them is padding). */
    for (size_t n = 0; n < PE_BUILDER_RELOC_RVA + 12; n++) {
        uint8_t *copy = malloc(n ? n : 1); /* exactly n bytes: ASan sees any read past them */
        memcpy(copy, image, n);
        CHECK(pe_parse(copy, n, &parsed) != 0);
        free(copy);
    }
}

static void wrong_machine(uint8_t *p) { pe_builder_put16(p + PE_BUILDER_COFF, 0x8664); }
static void gui_subsystem(uint8_t *p) { pe_builder_put16(p + PE_BUILDER_OPT + 68, 2); }
static void no_mz(uint8_t *p) { p[0] = 'Z'; }
static void pe_offset_out(uint8_t *p) { pe_builder_put32(p + 0x3C, 0xFFFFFFF0); }
static void pe32_plus(uint8_t *p) { pe_builder_put16(p + PE_BUILDER_OPT, 0x20B); }
static void relocs_stripped(uint8_t *p) { pe_builder_put16(p + PE_BUILDER_COFF + 18, 0x2103); }
static void too_many_sections(uint8_t *p) { pe_builder_put16(p + PE_BUILDER_COFF + 2, 0xFFFF); }
static void section_past_image(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_SECTIONS + 80 + 8, 0x1000); }
static void section_past_file(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_SECTIONS + 40 + 20, 0x7FF); }
static void sections_overlap(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_SECTIONS + 40 + 12, 0x208); }
static void entry_in_data(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_OPT + 16, 0x400); }
static void reloc_type_dir64(uint8_t *p) { pe_builder_put16(p + PE_BUILDER_RELOC_RVA + 8, 0xA001); }
static void reloc_block_huge(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_RELOC_RVA + 4, 0x1000); }
static void reloc_past_image(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_RELOC_RVA, 0xFFFFF000); }
static void import_by_ordinal(uint8_t *p) { pe_builder_put32(p + 0x430, 0x80000005); }
static void import_name_out(uint8_t *p) { pe_builder_put32(p + 0x430, 0x7FFFFFF0); }
static void dll_name_unterminated(uint8_t *p) { memset(p + 0x450, 'x', 0x600 - 0x450); }
static void import_dir_out(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_OPT + 96 + 8, 0x7F0); }
static void headers_too_small(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_OPT + 60, 0x100); }
static void image_size_huge(uint8_t *p) { pe_builder_put32(p + PE_BUILDER_OPT + 56, 0x7FFFFFFF); }

TEST(pe_refuses_each_bad_field_with_its_reason)
{
    CHECK(says(parse_with(wrong_machine), "i386"));
    CHECK(says(parse_with(gui_subsystem), "native"));
    CHECK(says(parse_with(no_mz), "MZ"));
    CHECK(says(parse_with(pe_offset_out), "PE signature"));
    CHECK(says(parse_with(pe32_plus), "PE32"));
    CHECK(says(parse_with(relocs_stripped), "stripped"));
    CHECK(says(parse_with(too_many_sections), "section"));
    CHECK(says(parse_with(section_past_image), "image size"));
    CHECK(says(parse_with(section_past_file), "end of the file"));
    CHECK(says(parse_with(sections_overlap), "overlap"));
    CHECK(says(parse_with(entry_in_data), "entry point"));
    CHECK(says(parse_with(reloc_type_dir64), "HIGHLOW"));
    CHECK(says(parse_with(reloc_block_huge), "relocation block"));
    CHECK(says(parse_with(reloc_past_image), "relocation"));
    CHECK(says(parse_with(import_by_ordinal), "ordinal"));
    CHECK(says(parse_with(import_name_out), "import name"));
    CHECK(says(parse_with(dll_name_unterminated), "DLL name"));
    CHECK(says(parse_with(import_dir_out), "import"));
    CHECK(says(parse_with(headers_too_small), "headers"));
    CHECK(says(parse_with(image_size_huge), "16 MiB"));
}

/* A real image from mingw-w64 (make drivers builds it), when there is one. */
TEST(pe_takes_the_mingw_built_probe_image)
{
    FILE *f = fopen("build/drivers/probe.sys", "rb");
    if (!f)
        return;
    static uint8_t file[1 << 20];
    size_t n = fread(file, 1, sizeof(file), f);
    fclose(f);
    CHECK(pe_parse(file, n, &parsed) == 0);
    import_count = 0;
    CHECK(pe_each_import(&parsed, note_import, 0) && import_count >= 1);
    reloc_count = 0;
    pe_each_reloc(&parsed, note_reloc, 0);
    CHECK(reloc_count >= 1);
}
