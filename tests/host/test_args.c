#include "shell/args.h"
#include "tests/host/unit.h"

/* The point is to compare with the multi-character literals drivers write for tags. */
#pragma GCC diagnostic ignored "-Wmultichar"

TEST(parse_tag_is_memory_byte_order_like_a_reversed_c_literal)
{
    uint32_t t = 0;
    CHECK(parse_tag("Test", &t) == 0 && t == 'tseT');
    CHECK(t == 0x74736554);
    CHECK(parse_tag("JUNK", &t) == 0 && t == 'KNUJ');
    CHECK(parse_tag("ab", &t) == 0 && t == '  ba'); /* padded with spaces */
    CHECK(parse_tag("x", &t) == 0 && t == 0x20202078);
    CHECK(parse_tag("~!@#", &t) == 0 && t == '#@!~');
}

TEST(parse_tag_rejects_empty_long_and_unprintable_without_writing)
{
    uint32_t t = 7;
    CHECK_STR(parse_tag("", &t), "not a tag (1 to 4 printable characters expected)");
    CHECK_STR(parse_tag("Tests", &t), "not a tag (1 to 4 printable characters expected)");
    CHECK_STR(parse_tag("a\x01", &t), "not a tag (printable characters expected)");
    CHECK_STR(parse_tag("\x7f", &t), "not a tag (printable characters expected)");
    CHECK_STR(parse_tag("\xe9t", &t), "not a tag (printable characters expected)");
    CHECK(t == 7);
}

TEST(format_tag_shows_memory_order_and_dots_for_unprintable_bytes)
{
    char s[5];
    format_tag('tseT', s);
    CHECK_STR(s, "Test");
    format_tag('  ba', s);
    CHECK_STR(s, "ab  ");
    format_tag(0x00FF4100, s);
    CHECK_STR(s, ".A..");
}

TEST(parse_pool_type_knows_every_wdk_name_and_value)
{
    static const struct {
        const char *name;
        uint32_t value;
    } types[] = { { "NonPagedPool", 0 },
                  { "PagedPool", 1 },
                  { "NonPagedPoolMustSucceed", 2 },
                  { "NonPagedPoolCacheAligned", 4 },
                  { "PagedPoolCacheAligned", 5 },
                  { "NonPagedPoolCacheAlignedMustS", 6 } };
    for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        uint32_t v = 99;
        CHECK(parse_pool_type(types[i].name, &v) == 0 && v == types[i].value);
        CHECK_STR(pool_type_names[types[i].value], types[i].name);
    }
    uint32_t v = 99;
    const char *why = parse_pool_type("pagedpool", &v);
    CHECK(why != 0 && v == 99);
    CHECK(parse_pool_type("DontUseThisType", &v) != 0);
    CHECK(parse_pool_type("", &v) != 0);
    CHECK(parse_pool_type("1", &v) != 0);
    CHECK_STR(why, "not a pool type (NonPagedPool, PagedPool, NonPagedPoolMustSucceed, NonPagedPoolCacheAligned, "
                   "PagedPoolCacheAligned or NonPagedPoolCacheAlignedMustS expected)");
}

TEST(parse_address_takes_hex_or_decimal_and_says_what_is_wrong)
{
    uint32_t a = 1;
    CHECK(parse_address("0xE1000000", &a) == 0 && a == 0xE1000000u);
    CHECK(parse_address("4096", &a) == 0 && a == 4096);
    CHECK(parse_address("0xFFFFFFFF", &a) == 0 && a == 0xFFFFFFFFu);
    a = 1;
    CHECK_STR(parse_address("0x100000000", &a), "not an address (at most 0xFFFFFFFF expected)");
    CHECK_STR(parse_address("e1000000", &a), "not an address (0x hex or decimal expected)");
    CHECK_STR(parse_address("", &a), "not an address (0x hex or decimal expected)");
    CHECK(a == 1);
}
