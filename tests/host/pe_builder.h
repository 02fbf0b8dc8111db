/* A small valid driver image in bytes (one code section with a relocation, an import of
 * ntoskrnl.exe!ExFreePool, a .reloc section) for the PE parser's tests to break field by field. */
#ifndef PAGODA_PE_BUILDER_H
#define PAGODA_PE_BUILDER_H

#include <stdint.h>

#define PE_BUILDER_SIZE 0x800u
#define PE_BUILDER_PE 0x40u         /* the PE signature */
#define PE_BUILDER_COFF 0x44u       /* the COFF header */
#define PE_BUILDER_OPT 0x58u        /* the optional header */
#define PE_BUILDER_SECTIONS 0x138u  /* the section table: .text, .idata, .reloc */
#define PE_BUILDER_RELOC_RVA 0x600u
#define PE_BUILDER_NAME_RVA 0x440u  /* the hint/name entry of the import */
#define PE_BUILDER_TIMESTAMP 0x5E0BE100u /* TimeDateStamp of the file header */

void pe_builder_make(uint8_t *image); /* PE_BUILDER_SIZE bytes */
void pe_builder_put16(uint8_t *p, uint32_t v);
void pe_builder_put32(uint8_t *p, uint32_t v);

#endif
