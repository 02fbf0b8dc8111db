#include "kernel/lib/kparse.h"

#include <stdbool.h>

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

enum parse_status parse_u32(const char *s, uint32_t *out)
{
    uint32_t base = 10;
    if (!s || !*s)
        return PARSE_EMPTY;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        if (!*s)
            return PARSE_BAD_DIGIT;
    }
    uint32_t v = 0;
    for (; *s; s++) {
        int d = digit_value(*s);
        if ((uint32_t)d >= base)
            return PARSE_BAD_DIGIT;
        if (v > (UINT32_MAX - (uint32_t)d) / base)
            return PARSE_OVERFLOW;
        v = v * base + (uint32_t)d;
    }
    *out = v;
    return PARSE_OK;
}

enum parse_status parse_u32_range(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
    uint32_t v;
    enum parse_status st = parse_u32(s, &v);
    if (st != PARSE_OK)
        return st;
    if (v < min || v > max)
        return PARSE_RANGE;
    *out = v;
    return PARSE_OK;
}

const char *parse_status_text(enum parse_status st)
{
    switch (st) {
    case PARSE_OK:
        return "ok";
    case PARSE_EMPTY:
        return "missing number";
    case PARSE_BAD_DIGIT:
        return "not a number (decimal or 0x hex expected)";
    case PARSE_OVERFLOW:
        return "too large for 32 bits";
    case PARSE_RANGE:
        return "out of range";
    }
    return "unknown parse error";
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int split_words(char *line, char **argv, int max_words)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (is_blank(*p))
            p++;
        if (!*p)
            return n;
        if (n == max_words)
            return -1;
        argv[n++] = p;
        while (*p && !is_blank(*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
}
