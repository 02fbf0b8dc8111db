/* peek / poke: 32 bits at any kernel address, through the normal page-fault path (a bad address is
 * the bugcheck it would be for any kernel code). */
#include "commands.h"
#include "console.h"
#include "lib/kparse.h"

static int parse_arg(const char *cmd, const char *what, const char *s, uint32_t *out)
{
    enum parse_status st = parse_u32(s, out);
    if (st != PARSE_OK)
        console_error("%s: %s '%s': %s", cmd, what, s, parse_status_text(st));
    return st == PARSE_OK ? 0 : -1;
}

int cmd_peek(int argc, char **argv)
{
    uint32_t addr;
    if (argc != 2)
        return cmd_usage_error("peek");
    if (parse_arg("peek", "address", argv[1], &addr))
        return -1;
    kprintf("0x%08x\n", *(volatile uint32_t *)addr);
    return 0;
}

int cmd_poke(int argc, char **argv)
{
    uint32_t addr, value;
    if (argc != 3)
        return cmd_usage_error("poke");
    if (parse_arg("poke", "address", argv[1], &addr) || parse_arg("poke", "value", argv[2], &value))
        return -1;
    *(volatile uint32_t *)addr = value;
    return 0;
}
