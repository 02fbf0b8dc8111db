#include "kernel/lib/kparse.h"
#include "tests/host/unit.h"

TEST(parse_u32_decimal_and_hex)
{
    uint32_t v = 1;
    CHECK(parse_u32("0", &v) == PARSE_OK && v == 0);
    CHECK(parse_u32("4294967295", &v) == PARSE_OK && v == 4294967295u);
    CHECK(parse_u32("0xE1000000", &v) == PARSE_OK && v == 0xE1000000u);
    CHECK(parse_u32("0Xff", &v) == PARSE_OK && v == 255);
    CHECK(parse_u32("0xFFFFFFFF", &v) == PARSE_OK && v == 0xFFFFFFFFu);
}

TEST(parse_u32_rejects_bad_input_without_writing)
{
    uint32_t v = 77;
    CHECK(parse_u32("", &v) == PARSE_EMPTY);
    CHECK(parse_u32(0, &v) == PARSE_EMPTY);
    CHECK(parse_u32("0x", &v) == PARSE_BAD_DIGIT);
    CHECK(parse_u32("12a", &v) == PARSE_BAD_DIGIT);
    CHECK(parse_u32("-1", &v) == PARSE_BAD_DIGIT);
    CHECK(parse_u32(" 1", &v) == PARSE_BAD_DIGIT);
    CHECK(parse_u32("0x1g", &v) == PARSE_BAD_DIGIT);
    CHECK(parse_u32("4294967296", &v) == PARSE_OVERFLOW);
    CHECK(parse_u32("99999999999999999999", &v) == PARSE_OVERFLOW);
    CHECK(parse_u32("0x100000000", &v) == PARSE_OVERFLOW);
    CHECK(v == 77);
}

TEST(parse_u32_range_checks_bounds)
{
    uint32_t v = 0;
    CHECK(parse_u32_range("4", 4, 10, &v) == PARSE_OK && v == 4);
    CHECK(parse_u32_range("10", 4, 10, &v) == PARSE_OK && v == 10);
    CHECK(parse_u32_range("3", 4, 10, &v) == PARSE_RANGE);
    CHECK(parse_u32_range("11", 4, 10, &v) == PARSE_RANGE);
    CHECK(parse_u32_range("x", 4, 10, &v) == PARSE_BAD_DIGIT);
    CHECK(pg_strcmp(parse_status_text(PARSE_OVERFLOW), "too large for 32 bits") == 0);
}

TEST(split_words_splits_on_blanks)
{
    char line[] = "  alloc\tPagedPool   42 Test  ";
    char *argv[8];
    CHECK(split_words(line, argv, 8) == 4);
    CHECK_STR(argv[0], "alloc");
    CHECK_STR(argv[1], "PagedPool");
    CHECK_STR(argv[2], "42");
    CHECK_STR(argv[3], "Test");
}

TEST(split_words_empty_and_too_many)
{
    char blank[] = "   \t ";
    char *argv[2];
    CHECK(split_words(blank, argv, 2) == 0);
    char many[] = "a b c";
    CHECK(split_words(many, argv, 2) == -1);
    char exact[] = "a b";
    CHECK(split_words(exact, argv, 2) == 2);
}
