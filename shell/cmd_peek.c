/* peek / poke: 32 bits at any kernel address, through the normal page-fault path (a bad address is
 * the bugcheck it would be for any kernel code). */
#include "kernel/console.h"
#include "shell/args_print.h"
#include "shell/commands.h"

int cmd_peek(int argc, char **argv)
{
    uint32_t addr;
    if (argc != 2)
        return cmd_usage_error("peek");
    if (!args_address("peek", argv[1], &addr))
        return -1;
    kprintf("0x%08x\n", *(volatile uint32_t *)addr);
    return 0;
}

int cmd_poke(int argc, char **argv)
{
    uint32_t addr, value;
    if (argc != 3)
        return cmd_usage_error("poke");
    if (!args_address("poke", argv[1], &addr) || !args_u32("poke", argv[2], 0, UINT32_MAX, &value))
        return -1;
    *(volatile uint32_t *)addr = value;
    return 0;
}
