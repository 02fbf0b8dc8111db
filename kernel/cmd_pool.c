/* alloc, free and pool: the WDK calls from the console, and WinDbg's !pool. */
#include "../mm/pool.h"
#include "cmd_pool_args.h"
#include "commands.h"
#include "console.h"
#include "lib/kparse.h"

int cmd_alloc(int argc, char **argv)
{
    if (argc < 3 || argc > 4)
        return cmd_usage_error("alloc");
    POOL_TYPE type;
    uint32_t bytes, tag = 0;
    enum parse_status st;
    if (!pool_type_parse(argv[1], &type)) {
        console_error("'%s' is no POOL_TYPE (NonPagedPool, PagedPool, ...)", argv[1]);
        return -1;
    }
    if ((st = parse_u32(argv[2], &bytes)) != PARSE_OK) {
        console_error("bytes '%s': %s", argv[2], parse_status_text(st));
        return -1;
    }
    if (argc == 4 && !pool_tag_parse(argv[3], &tag)) {
        console_error("'%s' is no tag: 1 to 4 printable characters", argv[3]);
        return -1;
    }
    void *p = argc == 4 ? ExAllocatePoolWithTag(type, bytes, tag) : ExAllocatePool(type, bytes);
    if (!p) {
        console_error("%s returned NULL", argc == 4 ? "ExAllocatePoolWithTag" : "ExAllocatePool");
        return -1;
    }
    kprintf("0x%08x\n", (unsigned)(uintptr_t)p);
    return 0;
}

int cmd_free(int argc, char **argv)
{
    if (argc < 2 || argc > 3)
        return cmd_usage_error("free");
    uintptr_t addr;
    uint32_t tag;
    if (!pool_address_parse(argv[1], &addr))
        return -1;
    if (argc == 3 && !pool_tag_parse(argv[2], &tag)) {
        console_error("'%s' is no tag: 1 to 4 printable characters", argv[2]);
        return -1;
    }
    if (argc == 3)
        ExFreePoolWithTag((PVOID)addr, tag);
    else
        ExFreePool((PVOID)addr);
    return 0;
}

static void print_block(void *ctx, const struct pool_block_info *b)
{
    uintptr_t addr = *(const uintptr_t *)ctx;
    char tag[5];
    bool holds = addr - b->header < b->bytes;
    kprintf("%c0x%08x size: %u previous size: %u (%s) %s\n", holds ? '*' : ' ', (unsigned)b->header, b->bytes,
            b->previous_bytes, b->allocated ? "Allocated" : "Free", pool_tag_text(b->tag, tag));
}

int cmd_pool(int argc, char **argv)
{
    if (argc != 2)
        return cmd_usage_error("pool");
    uintptr_t addr;
    if (!pool_address_parse(argv[1], &addr))
        return -1;
    kprintf("Pool page 0x%08x\n", (unsigned)addr & ~0xFFFu);
    if (!pool_walk_page((const void *)addr, print_block, &addr)) {
        console_error("0x%08x is in no pool page", (unsigned)addr);
        return -1;
    }
    return 0;
}
