/* tag: a pool tag as poolmon shows it, and the multi-character literal a driver writes for it. */
#include "kernel/console.h"
#include "shell/args_print.h"
#include "shell/commands.h"
#include "shell/args.h"

int cmd_tag(int argc, char **argv)
{
    ULONG tag;
    if (argc != 2)
        return cmd_usage_error("tag");
    if (!args_tag("tag", argv[1], &tag))
        return -1;
    char shown[5];
    format_tag(tag, shown);
    kprintf("tag \"%s\" = 0x%08x, in C '%c%c%c%c'\n", shown, (unsigned)tag, shown[3], shown[2], shown[1],
            shown[0]);
    return 0;
}
