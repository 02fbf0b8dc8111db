#include "shell/args.h"

#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"

const char *const args_pool_type_names[ARGS_POOL_TYPES] = {
    "NonPagedPool", "PagedPool", "NonPagedPoolMustSucceed", 0,
    "NonPagedPoolCacheAligned", "PagedPoolCacheAligned", "NonPagedPoolCacheAlignedMustS",
};

const char *args_parse_pool_type(const char *s, uint32_t *out)
{
    for (uint32_t i = 0; i < ARGS_POOL_TYPES; i++)
        if (args_pool_type_names[i] && strcmp(s, args_pool_type_names[i]) == 0) {
            *out = i;
            return 0;
        }
    return "not a pool type (NonPagedPool, PagedPool, NonPagedPoolMustSucceed, NonPagedPoolCacheAligned, "
           "PagedPoolCacheAligned or NonPagedPoolCacheAlignedMustS expected)";
}

static int is_printable(char c)
{
    return c >= ' ' && c <= '~';
}

const char *args_parse_tag(const char *s, uint32_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 4)
        return "not a tag (1 to 4 printable characters expected)";
    uint32_t tag = 0;
    for (size_t i = 0; i < 4; i++) {
        char c = i < n ? s[i] : ' ';
        if (!is_printable(c))
            return "not a tag (printable characters expected)";
        tag |= (uint32_t)(unsigned char)c << (8 * i);
    }
    *out = tag;
    return 0;
}

const char *args_parse_address(const char *s, uint32_t *out)
{
    switch (parse_u32(s, out)) {
    case PARSE_OK:
        return 0;
    case PARSE_OVERFLOW:
        return "not an address (at most 0xFFFFFFFF expected)";
    default:
        return "not an address (0x hex or decimal expected)";
    }
}

const char *args_format_tag(uint32_t tag, char out[5])
{
    for (int i = 0; i < 4; i++) {
        char c = (char)(tag >> (8 * i));
        out[i] = is_printable(c) ? c : '.';
    }
    out[4] = '\0';
    return out;
}

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
    return check(cmd, word, args_parse_address(word, out));
}

bool args_tag(const char *cmd, const char *word, ULONG *out)
{
    uint32_t tag;
    if (!check(cmd, word, args_parse_tag(word, &tag)))
        return false;
    *out = tag;
    return true;
}

bool args_pool_type(const char *cmd, const char *word, uint32_t *out)
{
    return check(cmd, word, args_parse_pool_type(word, out));
}

bool args_irql(const char *cmd, const char *word, KIRQL *out)
{
    static const char why[] = "not an IRQL (0 to 31, or a name such as DISPATCH_LEVEL, expected)";
    return check(cmd, word, irql_parse(word, out) ? 0 : why);
}
