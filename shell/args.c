#include "shell/args.h"

#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"

const char *const pool_type_names[POOL_TYPE_COUNT] = {
    "NonPagedPool", "PagedPool", "NonPagedPoolMustSucceed", 0,
    "NonPagedPoolCacheAligned", "PagedPoolCacheAligned", "NonPagedPoolCacheAlignedMustS",
};

const char *parse_pool_type(const char *s, uint32_t *out)
{
    for (uint32_t i = 0; i < POOL_TYPE_COUNT; i++)
        if (pool_type_names[i] && strcmp(s, pool_type_names[i]) == 0) {
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

const char *parse_tag(const char *s, uint32_t *out)
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

const char *parse_address(const char *s, uint32_t *out)
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

const char *format_tag(uint32_t tag, char out[5])
{
    for (int i = 0; i < 4; i++) {
        char c = (char)(tag >> (8 * i));
        out[i] = is_printable(c) ? c : '.';
    }
    out[4] = '\0';
    return out;
}
