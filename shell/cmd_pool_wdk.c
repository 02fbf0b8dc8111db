/* alloc, free and pool: the WDK calls from the console, and WinDbg's !pool. */
#include "kernel/console.h"
#include "pool/pool.h"
#include "shell/args_print.h"
#include "shell/commands.h"
#include "shell/args.h"

int cmd_alloc(int argc, char **argv)
{
    if (argc < 3 || argc > 4)
        return cmd_usage_error("alloc");
    uint32_t type, bytes;
    ULONG tag = 0;
    if (!args_pool_type("alloc", argv[1], &type) || !args_u32("alloc", argv[2], 0, UINT32_MAX, &bytes) ||
        (argc == 4 && !args_tag("alloc", argv[3], &tag)))
        return -1;
    void *p = argc == 4 ? ExAllocatePoolWithTag((POOL_TYPE)type, bytes, tag) : ExAllocatePool((POOL_TYPE)type, bytes);
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
    uint32_t addr;
    ULONG tag = 0;
    if (!args_address("free", argv[1], &addr) || (argc == 3 && !args_tag("free", argv[2], &tag)))
        return -1;
    if (argc == 3)
        ExFreePoolWithTag((PVOID)addr, tag);
    else
        ExFreePool((PVOID)addr);
    return 0;
}

static void print_block(void *ctx, const struct pool_block_info *b)
{
    uint32_t addr = *(const uint32_t *)ctx;
    char tag[5];
    bool holds = addr - b->header < b->bytes;
    kprintf("%c0x%08x size: %u previous size: %u (%s) %s%s\n", holds ? '*' : ' ', (unsigned)b->header, b->bytes,
            b->previous_bytes, b->allocated ? "Allocated" : "Free", format_tag(b->tag, tag),
            b->special ? " (Special pool)" : "");
}

int cmd_pool(int argc, char **argv)
{
    if (argc != 2)
        return cmd_usage_error("pool");
    uint32_t addr;
    if (!args_address("pool", argv[1], &addr))
        return -1;
    kprintf("Pool page 0x%08x\n", (unsigned)addr & ~0xFFFu);
    if (!pool_walk_page((const void *)addr, print_block, &addr)) {
        console_error("0x%08x is in no pool page", (unsigned)addr);
        return -1;
    }
    return 0;
}
