/* What the Multiboot loader handed us, copied out of the loader's memory at boot: the command line
 * and the physical memory map. */
#ifndef PAGODA_BOOTINFO_H
#define PAGODA_BOOTINFO_H

#include <stdint.h>

#include "mm/physmem.h"

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002u

/* Returns 0, or a message saying why the boot information is unusable. */
const char *bootinfo_init(uint32_t magic, uint32_t info_phys);
const char *bootinfo_cmdline(void);
const struct phys_range *bootinfo_memory_map(unsigned *count);

#endif
