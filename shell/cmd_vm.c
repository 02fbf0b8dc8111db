/* Commands that hand out and page out virtual memory, for people and tests to poke at: valloc, vfree,
 * pageout, flipslot (the paging-file corruption hook). */
#include "kernel/console.h"
#include "kernel/lib/kstring.h"
#include "mm/mm.h"
#include "shell/args_print.h"
#include "shell/commands.h"

int cmd_valloc(int argc, char **argv)
{
    uint32_t npages;
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "nonpaged") != 0 && strcmp(argv[2], "paged") != 0))
        return cmd_usage_error("valloc");
    if (!args_u32("valloc", argv[1], 1, 65536, &npages))
        return -1;
    void *p = mm_alloc_pages(npages, argc == 2 || strcmp(argv[2], "paged") == 0);
    if (!p) {
        console_error("valloc: %u pages: NULL", npages);
        return -1;
    }
    kprintf("0x%08x\n", (uint32_t)p);
    return 0;
}

int cmd_vfree(int argc, char **argv)
{
    uint32_t va, npages;
    if (argc != 3)
        return cmd_usage_error("vfree");
    if (!args_address("vfree", argv[1], &va) || !args_u32("vfree", argv[2], 1, 65536, &npages))
        return -1;
    mm_free_pages((void *)va, npages);
    return 0;
}

int cmd_pageout(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("pageout");
    mm_page_out_all();
    struct mm_info m;
    mm_query(&m);
    kprintf("pagefile_used=%u frames_standby=%u frames_modified=%u\n", m.pagefile_used, m.frames_standby,
            m.frames_modified);
    return 0;
}

int cmd_flipslot(int argc, char **argv)
{
    uint32_t va;
    if (argc != 2)
        return cmd_usage_error("flipslot");
    if (!args_address("flipslot", argv[1], &va))
        return -1;
    if (!mm_corrupt_paged_out_copy(va)) {
        console_error("flipslot: '%s' is not a paged-out pageable page", argv[1]);
        return -1;
    }
    kprintf("flipped a bit of the paging-file copy of 0x%08x\n", va & ~0xFFFu);
    return 0;
}
