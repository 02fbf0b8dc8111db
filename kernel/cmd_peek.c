/* peek / poke: 32 bits at any kernel address, through the normal page-fault path (a bad address is
 * the bugcheck it would be for any kernel code). */
#include "cmd_args.h"
#include "commands.h"
#include "console.h"

int cmd_peek(int argc, char **argv)
{
    uint32_t addr;
    if (cmd_one_number(argc, argv, "address", &addr))
        return -1;
    kprintf("0x%08x\n", *(volatile uint32_t *)addr);
    return 0;
}

int cmd_poke(int argc, char **argv)
{
    uint32_t addr, value;
    if (argc != 3)
        return cmd_usage_error("poke");
    if (cmd_parse_number("poke", "address", argv[1], &addr) || cmd_parse_number("poke", "value", argv[2], &value))
        return -1;
    *(volatile uint32_t *)addr = value;
    return 0;
}
