/* libFuzzer target for the PE parser (drivers/pe.c): the input is a driver image file. Whatever it
 * holds, the parser must read only inside it (ASan), and an image it takes must be loadable as the
 * loader does it: every section inside the image size, every relocation and IAT slot a word inside
 * it, names NUL-terminated. The image is then "mapped" into a buffer of SizeOfImage bytes the way
 * drivers/loader.c does, so any overrun shows. */
#include <stdlib.h>

#include "kernel/lib/kstring.h"
#include "drivers/pe.h"
#include "tests/fuzz/fuzz_input.h"

/* Relocated words and IAT slots need not be aligned. */
typedef uint32_t unaligned_u32 __attribute__((aligned(1)));

static struct pe_image img;
static uint8_t *mapped;

static void relocate(void *ctx, uint32_t rva)
{
    (void)ctx;
    FUZZ_CHECK(rva <= img.image_size - 4, "relocation at 0x%x past 0x%x", rva, img.image_size);
    *(unaligned_u32 *)(mapped + rva) += 0x1000;
}

static bool resolve(void *ctx, const char *dll, const char *routine, uint32_t iat_rva)
{
    (void)ctx;
    FUZZ_CHECK(iat_rva <= img.image_size - 4, "IAT slot at 0x%x past 0x%x", iat_rva, img.image_size);
    FUZZ_CHECK(strlen(dll) > 0 && strlen(routine) > 0, "empty import name");
    *(unaligned_u32 *)(mapped + iat_rva) = 0x80001000u;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (pe_parse(data, size, &img))
        return 0;
    FUZZ_CHECK(img.image_size && img.image_size <= PE_MAX_IMAGE_SIZE, "image size 0x%x", img.image_size);
    FUZZ_CHECK(img.headers_size <= img.image_size && img.headers_size <= size, "headers 0x%x", img.headers_size);
    mapped = calloc(1, img.image_size);
    memcpy(mapped, data, img.headers_size);
    for (unsigned i = 0; i < img.section_count; i++) {
        const struct pe_section *s = &img.sections[i];
        FUZZ_CHECK(s->rva <= img.image_size && s->size <= img.image_size - s->rva, "section %u", i);
        /* a section without raw data (.bss) may carry any offset: nothing is read from it */
        FUZZ_CHECK(s->file_size <= s->size && (s->file_size == 0 || (s->file_offset <= size &&
                                                                     s->file_size <= size - s->file_offset)),
                   "section %u data", i);
        if (s->file_size)
            memcpy(mapped + s->rva, data + s->file_offset, s->file_size);
    }
    pe_each_reloc(&img, relocate, 0);
    pe_each_import(&img, resolve, 0);
    free(mapped);
    return 0;
}
