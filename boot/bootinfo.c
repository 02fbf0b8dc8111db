#include "boot/bootinfo.h"

#include "kernel/lib/kstring.h"
#include "boot/cmdline.h"

#define MB_INFO_CMDLINE (1u << 2)
#define MB_INFO_MODS (1u << 3)
#define MB_INFO_MMAP (1u << 6)
#define LOW_MAP_BASE 0x80000000u
#define LOW_MAP_SIZE 0x01000000u /* what the boot page tables map */

struct multiboot_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end, cmdline, reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
    uint32_t size; /* of the rest of the entry */
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

static char cmdline[CMDLINE_MAX];
static struct phys_range memory_map[PHYS_RANGES_MAX];
static unsigned memory_map_count;
static struct boot_module modules[BOOT_MODULES_MAX];
static unsigned module_count;

/* The loader's structures lie in low memory, which the kernel sees at 0x80000000 + physical. */
static const void *low_phys(uint32_t phys, uint32_t size)
{
    if (phys >= LOW_MAP_SIZE || size > LOW_MAP_SIZE - phys)
        return 0;
    return (const void *)(LOW_MAP_BASE + phys);
}

/* The first word of a module's command line. */
static void module_name(char *out, uint32_t cmdline_phys)
{
    const char *s = low_phys(cmdline_phys, 1);
    size_t n = 0;
    while (s && s[n] && s[n] != ' ' && n + 1 < BOOT_MODULE_NAME_MAX && cmdline_phys + n + 1 < LOW_MAP_SIZE) {
        out[n] = s[n];
        n++;
    }
    out[n] = '\0';
}

static void read_modules(const struct multiboot_info *mbi)
{
    const struct multiboot_module *m = low_phys(mbi->mods_addr, mbi->mods_count * sizeof(*m));
    for (uint32_t i = 0; m && i < mbi->mods_count && module_count < BOOT_MODULES_MAX; i++) {
        if (m[i].end <= m[i].start)
            continue;
        struct boot_module *b = &modules[module_count++];
        b->phys = m[i].start;
        b->size = m[i].end - m[i].start;
        module_name(b->name, m[i].cmdline);
        memory_map_count = phys_map_exclude(memory_map, memory_map_count, PHYS_RANGES_MAX, b->phys, b->size);
    }
}

const char *bootinfo_init(uint32_t magic, uint32_t info_phys)
{
    if (magic != MULTIBOOT_LOADER_MAGIC)
        return "not started by a Multiboot loader";
    const struct multiboot_info *mbi = low_phys(info_phys, sizeof(*mbi));
    if (!mbi)
        return "Multiboot information above the boot mapping";

    if (mbi->flags & MB_INFO_CMDLINE) {
        const char *s = low_phys(mbi->cmdline, 1);
        if (s)
            strlcpy(cmdline, s, sizeof(cmdline));
    }
    if (!(mbi->flags & MB_INFO_MMAP))
        return "the loader gave no memory map";
    const uint8_t *p = low_phys(mbi->mmap_addr, mbi->mmap_length);
    if (!p)
        return "memory map above the boot mapping";
    const uint8_t *end = p + mbi->mmap_length;
    while (p + sizeof(struct multiboot_mmap_entry) <= end && memory_map_count < PHYS_RANGES_MAX) {
        const struct multiboot_mmap_entry *e = (const void *)p;
        memory_map[memory_map_count++] = (struct phys_range){ e->base, e->length, e->type };
        p += e->size + sizeof(e->size);
    }
    if (mbi->flags & MB_INFO_MODS)
        read_modules(mbi);
    return 0;
}

const char *bootinfo_cmdline(void)
{
    return cmdline;
}

const struct phys_range *bootinfo_memory_map(unsigned *count)
{
    *count = memory_map_count;
    return memory_map;
}

const struct boot_module *bootinfo_modules(unsigned *count)
{
    *count = module_count;
    return modules;
}
