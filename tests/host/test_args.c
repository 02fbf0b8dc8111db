#include "shell/args.h"
#include "tests/host/kernel_stubs.h"
#include "tests/host/unit.h"

/* The point is to compare with the multi-character literals drivers write for tags. */
#pragma GCC diagnostic ignored "-Wmultichar"

TEST(args_parse_tag_is_memory_byte_order_like_a_reversed_c_literal)
{
    uint32_t t = 0;
    CHECK(args_parse_tag("Test", &t) == 0 && t == 'tseT');
    CHECK(t == 0x74736554);
    CHECK(args_parse_tag("JUNK", &t) == 0 && t == 'KNUJ');
    CHECK(args_parse_tag("ab", &t) == 0 && t == '  ba'); /* padded with spaces */
    CHECK(args_parse_tag("x", &t) == 0 && t == 0x20202078);
    CHECK(args_parse_tag("~!@#", &t) == 0 && t == '#@!~');
}

TEST(args_parse_tag_rejects_empty_long_and_unprintable_without_writing)
{
    uint32_t t = 7;
    CHECK_STR(args_parse_tag("", &t), "not a tag (1 to 4 printable characters expected)");
    CHECK_STR(args_parse_tag("Tests", &t), "not a tag (1 to 4 printable characters expected)");
    CHECK_STR(args_parse_tag("a\x01", &t), "not a tag (printable characters expected)");
    CHECK_STR(args_parse_tag("\x7f", &t), "not a tag (printable characters expected)");
    CHECK_STR(args_parse_tag("\xe9t", &t), "not a tag (printable characters expected)");
    CHECK(t == 7);
}

TEST(args_format_tag_shows_memory_order_and_dots_for_unprintable_bytes)
{
    char s[5];
    args_format_tag('tseT', s);
    CHECK_STR(s, "Test");
    args_format_tag('  ba', s);
    CHECK_STR(s, "ab  ");
    args_format_tag(0x00FF4100, s);
    CHECK_STR(s, ".A..");
}

TEST(args_parse_pool_type_knows_every_wdk_name_and_value)
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
        CHECK(args_parse_pool_type(types[i].name, &v) == 0 && v == types[i].value);
        CHECK_STR(args_pool_type_names[types[i].value], types[i].name);
    }
    uint32_t v = 99;
    const char *why = args_parse_pool_type("pagedpool", &v);
    CHECK(why != 0 && v == 99);
    CHECK(args_parse_pool_type("DontUseThisType", &v) != 0);
    CHECK(args_parse_pool_type("", &v) != 0);
    CHECK(args_parse_pool_type("1", &v) != 0);
    CHECK_STR(why, "not a pool type (NonPagedPool, PagedPool, NonPagedPoolMustSucceed, NonPagedPoolCacheAligned, "
                   "PagedPoolCacheAligned or NonPagedPoolCacheAlignedMustS expected)");
}

TEST(args_parse_address_takes_hex_or_decimal_and_says_what_is_wrong)
{
    uint32_t a = 1;
    CHECK(args_parse_address("0xE1000000", &a) == 0 && a == 0xE1000000u);
    CHECK(args_parse_address("4096", &a) == 0 && a == 4096);
    CHECK(args_parse_address("0xFFFFFFFF", &a) == 0 && a == 0xFFFFFFFFu);
    a = 1;
    CHECK_STR(args_parse_address("0x100000000", &a), "not an address (at most 0xFFFFFFFF expected)");
    CHECK_STR(args_parse_address("e1000000", &a), "not an address (0x hex or decimal expected)");
    CHECK_STR(args_parse_address("", &a), "not an address (0x hex or decimal expected)");
    CHECK(a == 1);
}

TEST(args_checks_print_one_error_line_and_keep_the_value)
{
    uint32_t v = 77;
    CHECK(args_u32("watch", "10", 10, 3600000, &v) && v == 10);
    CHECK(!args_u32("watch", "5", 10, 3600000, &v) && v == 10);
    CHECK_STR(kernel_stubs_error, "watch: '5': out of range (10 to 3600000 expected)");
    CHECK(!args_u32("bugcheck", "zz", 0, 0xFFFFFFFFu, &v));
    CHECK_STR(kernel_stubs_error, "bugcheck: 'zz': not a number (decimal or 0x hex expected)");
    CHECK(!args_address("peek", "0x100000000", &v) && v == 10);
    CHECK_STR(kernel_stubs_error, "peek: '0x100000000': not an address (at most 0xFFFFFFFF expected)");
    ULONG tag = 0;
    CHECK(args_tag("tag", "ab", &tag) && tag == '  ba');
    CHECK(!args_pool_type("alloc", "Paged", &v) && v == 10);
}
