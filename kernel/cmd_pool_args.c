#include "cmd_pool_args.h"

#include "console.h"
#include "lib/kparse.h"
#include "lib/kstring.h"

static const struct {
    const char *name;
    POOL_TYPE type;
} type_names[] = {
    { "NonPagedPool", NonPagedPool },
    { "PagedPool", PagedPool },
    { "NonPagedPoolMustSucceed", NonPagedPoolMustSucceed },
    { "NonPagedPoolCacheAligned", NonPagedPoolCacheAligned },
    { "PagedPoolCacheAligned", PagedPoolCacheAligned },
    { "NonPagedPoolCacheAlignedMustS", NonPagedPoolCacheAlignedMustS },
};

bool pool_tag_parse(const char *s, uint32_t *tag)
{
    size_t n = strlen(s);
    if (n < 1 || n > 4)
        return false;
    uint32_t t = 0;
    for (size_t i = 0; i < 4; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : ' ';
        if (c < 0x20 || c > 0x7E)
            return false;
        t |= (uint32_t)c << (8 * i);
    }
    *tag = t;
    return true;
}

const char *pool_tag_text(uint32_t tag, char out[5])
{
    for (unsigned i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(tag >> (8 * i));
        out[i] = c >= 0x20 && c <= 0x7E ? (char)c : '?';
    }
    out[4] = 0;
    return out;
}

bool pool_type_parse(const char *s, POOL_TYPE *type)
{
    uint32_t v;
    if (parse_u32(s, &v) == PARSE_OK) {
        *type = (POOL_TYPE)v;
        return true;
    }
    for (unsigned i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
        if (strcmp(s, type_names[i].name) == 0) {
            *type = type_names[i].type;
            return true;
        }
    return false;
}

const char *pool_kind_name(enum pool_kind kind)
{
    return kind == POOL_KIND_PAGED ? "Paged" : "Nonp";
}

bool pool_address_parse(const char *s, uintptr_t *addr)
{
    uint32_t v;
    enum parse_status st = parse_u32(s, &v);
    if (st != PARSE_OK) {
        console_error("'%s' is not an address: %s", s, parse_status_text(st));
        return false;
    }
    *addr = v;
    return true;
}
