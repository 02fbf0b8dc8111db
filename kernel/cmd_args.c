#include "cmd_args.h"

#include "commands.h"
#include "console.h"
#include "lib/kparse.h"

int cmd_parse_number(const char *cmd, const char *what, const char *text, uint32_t *out)
{
    enum parse_status st = parse_u32(text, out);
    if (st != PARSE_OK)
        console_error("%s: %s '%s': %s", cmd, what, text, parse_status_text(st));
    return st == PARSE_OK ? 0 : -1;
}

int cmd_one_number(int argc, char **argv, const char *what, uint32_t *out)
{
    if (argc != 2)
        return cmd_usage_error(argv[0]);
    return cmd_parse_number(argv[0], what, argv[1], out);
}
