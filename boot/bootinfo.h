/* What the Multiboot loader handed us, copied out of the loader's memory at boot: the command line,
 * the physical memory map (less the modules' frames) and the modules (driver images). */
#ifndef PAGODA_BOOTINFO_H
#define PAGODA_BOOTINFO_H

#include <stdint.h>

#include "mm/physmem.h"

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002u

/* Returns 0, or a message saying why the boot information is unusable. */
const char *bootinfo_init(uint32_t magic, uint32_t info_phys);
const char *bootinfo_cmdline(void);
const struct phys_range *bootinfo_memory_map(unsigned *count);

#define BOOT_MODULES_MAX 16
#define BOOT_MODULE_NAME_MAX 64

/* A module as the loader placed it: its frames are cut out of the memory map above. */
struct boot_module {
    uint32_t phys, size;
    char name[BOOT_MODULE_NAME_MAX]; /* the first word of its command line: GRUB's or QEMU's file name */
};
const struct boot_module *bootinfo_modules(unsigned *count);

#endif
