/* libFuzzer target for the console's argument parsers (shell/args.c): each input is a list of
 * (choice, word) pairs. Every parser is held to an independent model of what shell/args.h promises:
 * tags are 1 to 4 printable characters and format back to the same word padded with spaces (and any
 * printable tag parses back from its format), pool types are exactly the names of their values,
 * addresses are decimal or 0x hex up to 0xFFFFFFFF and print back to the same value, and a number
 * outside its range is refused with one error line naming the command and the word. */
#include <stdio.h>

#include "kernel/lib/kstring.h"
#include "shell/args.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/host/kernel_stubs.h"

#define WORD_MAX 64

static bool printable(char c)
{
    return c >= 0x20 && c <= 0x7E;
}

static bool has_newline(const char *s)
{
    for (; *s; s++)
        if (*s == '\n' || *s == '\r')
            return true;
    return false;
}

/* A reason for refusing a word is one non-empty line. */
static void check_reason(const char *why, const char *what, const char *word)
{
    FUZZ_CHECK(why && *why && !has_newline(why), "%s '%s': no one-line reason", what, word);
}

static void tag_word(const char *word, size_t n)
{
    bool good = n >= 1 && n <= 4;
    for (size_t i = 0; i < n; i++)
        good = good && printable(word[i]);
    uint32_t tag = 0;
    const char *why = args_parse_tag(word, &tag);
    FUZZ_CHECK(!why == good, "tag '%s': %s", word, why ? why : "accepted");
    if (why)
        return check_reason(why, "tag", word);
    char padded[5] = "    ", shown[5];
    memcpy(padded, word, n);
    uint32_t bytes = 0;
    for (int i = 3; i >= 0; i--)
        bytes = bytes << 8 | (uint8_t)padded[i];
    FUZZ_CHECK(tag == bytes, "tag '%s' gave 0x%08X", word, tag);
    FUZZ_CHECK(strcmp(args_format_tag(tag, shown), padded) == 0, "tag '%s' formats as '%s'", word, shown);
}

static void tag_value(uint32_t tag)
{
    char shown[5];
    bool all_printable = true;
    FUZZ_CHECK(args_format_tag(tag, shown) == shown && shown[4] == '\0', "format of 0x%08X", tag);
    for (int i = 0; i < 4; i++) {
        char c = (char)(tag >> (8 * i));
        all_printable = all_printable && printable(c);
        FUZZ_CHECK(shown[i] == (printable(c) ? c : '.'), "0x%08X formats as '%s'", tag, shown);
    }
    uint32_t back = 0;
    if (all_printable)
        FUZZ_CHECK(!args_parse_tag(shown, &back) && back == tag, "0x%08X: '%s' parses back as 0x%08X", tag,
                   shown, back);
}

static void pool_type_word(const char *word)
{
    int named = -1;
    for (int i = 0; i < ARGS_POOL_TYPES; i++)
        if (args_pool_type_names[i] && strcmp(args_pool_type_names[i], word) == 0)
            named = i;
    uint32_t type = 99;
    const char *why = args_parse_pool_type(word, &type);
    FUZZ_CHECK(named < 0 ? why != 0 : !why && type == (uint32_t)named, "pool type '%s' gave %u", word, type);
    if (why)
        check_reason(why, "pool type", word);
}

static int digit(char c, unsigned base)
{
    unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
               : c >= 'A' && c <= 'F'   ? (unsigned)(c - 'A' + 10)
                                        : 99;
    return d < base ? (int)d : -1;
}

/* The model: 0x/0X and at least one hex digit, or decimal digits; -1 when not a number, -2 when too
 * large. Sums in 64 bits, stopping once past 32, so it shares no overflow test with kparse. */
static int64_t model_number(const char *s)
{
    unsigned base = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10;
    s += base == 16 ? 2 : 0;
    if (!*s)
        return -1;
    uint64_t v = 0;
    bool big = false;
    for (; *s; s++) {
        int d = digit(*s, base);
        if (d < 0)
            return -1;
        v = v * base + (unsigned)d;
        big = big || v > 0xFFFFFFFFu;
        v &= 0xFFFFFFFFFull;
    }
    return big ? -2 : (int64_t)v;
}

static void address_word(const char *word)
{
    int64_t want = model_number(word);
    uint32_t got = 0;
    const char *why = args_parse_address(word, &got);
    FUZZ_CHECK(want < 0 ? why != 0 : !why && got == want, "address '%s': %s, 0x%X", word, why ? why : "ok", got);
    if (why)
        check_reason(why, "address", word);
}

static void address_value(uint32_t v)
{
    static const char *const formats[] = { "%u", "0x%x", "0X%X", "0x%08X" };
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        char text[16];
        uint32_t back = ~v;
        snprintf(text, sizeof(text), formats[i], v);
        FUZZ_CHECK(!args_parse_address(text, &back) && back == v, "'%s' parses as 0x%X", text, back);
    }
}

static void number_word(const char *word, uint32_t min, uint32_t max)
{
    int64_t want = model_number(word);
    bool good = want >= 0 && want >= min && want <= max;
    uint32_t got = 0;
    kernel_stubs_error[0] = '\0';
    bool ok = args_u32("cmd", word, min, max, &got);
    FUZZ_CHECK(ok == good && (!ok || got == want), "'%s' in %u..%u: %s", word, min, max, ok ? "ok" : "refused");
    if (ok)
        return;
    char start[WORD_MAX + 8];
    snprintf(start, sizeof(start), "cmd: '%s': ", word);
    FUZZ_CHECK(strncmp(kernel_stubs_error, start, strlen(start)) == 0 && kernel_stubs_error[strlen(start)],
               "error line '%s' for '%s'", kernel_stubs_error, word);
    if (!has_newline(word))
        check_reason(kernel_stubs_error, "number", word);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size, 0 };
    char word[WORD_MAX];
    while (fuzz_more(&in)) {
        uint8_t choice = fuzz_byte(&in);
        switch (choice % 6) {
        case 0:
            tag_word(word, fuzz_string(&in, word, sizeof(word)));
            break;
        case 1:
            tag_value(fuzz_u32(&in));
            break;
        case 2:
            fuzz_string(&in, word, sizeof(word));
            pool_type_word(choice & 0x80 ? word : args_pool_type_names[choice / 8 % ARGS_POOL_TYPES] ?: "");
            break;
        case 3:
            fuzz_string(&in, word, sizeof(word));
            address_word(word);
            break;
        case 4:
            address_value(fuzz_u32(&in));
            break;
        case 5: {
            uint32_t min = fuzz_u32(&in), max = fuzz_u32(&in);
            fuzz_string(&in, word, sizeof(word));
            number_word(word, min, max);
            break;
        }
        }
    }
    return 0;
}
