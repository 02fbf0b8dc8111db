#include "tests/host/pe_builder.h"

#include "kernel/lib/kstring.h"

void pe_builder_put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void pe_builder_put32(uint8_t *p, uint32_t v)
{
    pe_builder_put16(p, v);
    pe_builder_put16(p + 2, v >> 16);
}

static void section(uint8_t *h, const char *name, uint32_t rva, uint32_t size, uint32_t flags)
{
    memcpy(h, name, strlen(name));
    pe_builder_put32(h + 8, size);
    pe_builder_put32(h + 12, rva);
    pe_builder_put32(h + 16, 0x200); /* raw size */
    pe_builder_put32(h + 20, rva);   /* file offset: the file is laid out as the image */
    pe_builder_put32(h + 36, flags);
}

void pe_builder_make(uint8_t *img)
{
    memset(img, 0, PE_BUILDER_SIZE);
    img[0] = 'M', img[1] = 'Z';
    pe_builder_put32(img + 0x3C, PE_BUILDER_PE);
    memcpy(img + PE_BUILDER_PE, "PE\0\0", 4);
    uint8_t *coff = img + PE_BUILDER_COFF, *opt = img + PE_BUILDER_OPT;
    pe_builder_put16(coff, 0x14C);      /* i386 */
    pe_builder_put16(coff + 2, 3);      /* sections */
    pe_builder_put32(coff + 4, PE_BUILDER_TIMESTAMP);
    pe_builder_put16(coff + 16, 0xE0);  /* optional header with 16 directories */
    pe_builder_put16(coff + 18, 0x2102); /* executable, 32-bit, DLL */
    pe_builder_put16(opt, 0x10B);
    pe_builder_put32(opt + 16, 0x200);    /* entry */
    pe_builder_put32(opt + 28, 0x10000);  /* image base */
    pe_builder_put32(opt + 32, 0x200);    /* section alignment */
    pe_builder_put32(opt + 36, 0x200);    /* file alignment */
    pe_builder_put32(opt + 56, PE_BUILDER_SIZE);
    pe_builder_put32(opt + 60, 0x200);    /* headers */
    pe_builder_put16(opt + 68, 1);        /* native */
    pe_builder_put32(opt + 92, 16);
    pe_builder_put32(opt + 96 + 8, 0x400); /* import directory */
    pe_builder_put32(opt + 96 + 12, 40);
    pe_builder_put32(opt + 96 + 40, PE_BUILDER_RELOC_RVA);
    pe_builder_put32(opt + 96 + 44, 12);
    uint8_t *table = img + PE_BUILDER_SECTIONS;
    section(table, ".text", 0x200, 0x10, 0x60000020);
    section(table + 40, ".idata", 0x400, 0x100, 0xC0000040);
    section(table + 80, ".reloc", 0x600, 12, 0x42000040);
    img[0x200] = 0xA1; /* mov eax, [0x10438]: the relocated word at 0x201 */
    pe_builder_put32(img + 0x201, 0x10438);
    img[0x205] = 0xC2, img[0x206] = 8; /* ret 8 */
    pe_builder_put32(img + 0x400, 0x430); /* lookup table */
    pe_builder_put32(img + 0x40C, 0x450); /* DLL name */
    pe_builder_put32(img + 0x410, 0x438); /* address table */
    pe_builder_put32(img + 0x430, PE_BUILDER_NAME_RVA);
    pe_builder_put32(img + 0x438, PE_BUILDER_NAME_RVA);
    memcpy(img + PE_BUILDER_NAME_RVA + 2, "ExFreePool", 11);
    memcpy(img + 0x450, "ntoskrnl.exe", 13);
    pe_builder_put32(img + PE_BUILDER_RELOC_RVA, 0x200);
    pe_builder_put32(img + PE_BUILDER_RELOC_RVA + 4, 12);
    pe_builder_put16(img + PE_BUILDER_RELOC_RVA + 8, 0x3001);
}
