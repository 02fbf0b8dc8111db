/* A driver image as the loader mapped it (drivers/loader.h) and the Mm routines page it
 * (drivers/image_paging.h): where it lies, what the STOP screen says of it, and its sections. */
#ifndef PAGODA_DRIVERS_IMAGE_H
#define PAGODA_DRIVERS_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/pe.h"

#define LOADER_INIT_RUNS 4

/* One entry per section header, in the image's order: the pages it spans, whether its name makes it
 * pageable (PAGE...), and how many MmLockPagable... calls hold it in memory. */
struct loaded_section {
    uint16_t first, count; /* pages of the image; count 0: not mapped (discarded, or INIT after release) */
    uint16_t locks;
    bool pageable, init;
};

struct loaded_image {
    uint32_t base, pages;     /* the reserved run; 0 pages: nothing mapped */
    uint32_t size;            /* SizeOfImage */
    uint32_t linked_base;     /* ImageBase: base - linked_base is the offset of the image's symbols */
    uint32_t entry;           /* the entry point's address */
    uint32_t timestamp;       /* the file header's TimeDateStamp, for the STOP screen */
    uint32_t section_table;   /* RVA of the section headers (mapped with the headers, always resident) */
    struct { uint32_t first, count; } init[LOADER_INIT_RUNS]; /* pages only INIT sections use */
    bool paged_entirely;      /* MmPageEntireDriver: every section pageable but the locked ones */
    unsigned section_count;
    struct loaded_section sections[PE_MAX_SECTIONS];
};

#endif
