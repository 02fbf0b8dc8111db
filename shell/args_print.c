#include "shell/args_print.h"

#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kparse.h"
#include "shell/args.h"

/* why is NULL when the word was good. */
static bool check(const char *cmd, const char *word, const char *why)
{
    if (why)
        console_error("%s: '%s': %s", cmd, word, why);
    return !why;
}

bool args_u32(const char *cmd, const char *word, uint32_t min, uint32_t max, uint32_t *out)
{
    enum parse_status st = parse_u32_range(word, min, max, out);
    if (st == PARSE_RANGE) {
        console_error("%s: '%s': out of range (%u to %u expected)", cmd, word, min, max);
        return false;
    }
    return check(cmd, word, st == PARSE_OK ? 0 : parse_status_text(st));
}

bool args_address(const char *cmd, const char *word, uint32_t *out)
{
    return check(cmd, word, parse_address(word, out));
}

bool args_tag(const char *cmd, const char *word, ULONG *out)
{
    uint32_t tag;
    if (!check(cmd, word, parse_tag(word, &tag)))
        return false;
    *out = tag;
    return true;
}

bool args_pool_type(const char *cmd, const char *word, uint32_t *out)
{
    return check(cmd, word, parse_pool_type(word, out));
}

bool args_irql(const char *cmd, const char *word, KIRQL *out)
{
    static const char why[] = "not an IRQL (0 to 31, or a name such as DISPATCH_LEVEL, expected)";
    return check(cmd, word, irql_parse(word, out) ? 0 : why);
}
