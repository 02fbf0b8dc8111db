#include <limits.h>
#include <stdarg.h>

#include "kernel/lib/kformat.h"
#include "tests/host/unit.h"

static char out[128];

#define FMT(...) ksnprintf(out, sizeof(out), __VA_ARGS__)

/* For formats the compiler would (rightly) refuse to check: bad conversions, NULL strings. */
static void fmt_unchecked(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(out, sizeof(out), fmt, ap);
    va_end(ap);
}

TEST(format_integers)
{
    FMT("%d %i %u", -42, 7, 4000000000u);
    CHECK_STR(out, "-42 7 4000000000");
    FMT("%d", INT_MIN);
    CHECK_STR(out, "-2147483648");
    FMT("%lld %llu", -9000000000LL, 18446744073709551615ULL);
    CHECK_STR(out, "-9000000000 18446744073709551615");
}

TEST(format_hex_with_width_and_zero_pad)
{
    FMT("0x%08x 0x%08X %x", 0xbeefu, 0xE1000000u, 0u);
    CHECK_STR(out, "0x0000beef 0xE1000000 0");
    FMT("[%5d][%-5d][%05d]", -3, 12, -3);
    CHECK_STR(out, "[   -3][12   ][-0003]");
}

TEST(format_strings_chars_percent)
{
    FMT("%s|%-6s|%4s|%c|%%", "tag", "Paged", "ab", 'Z');
    CHECK_STR(out, "tag|Paged |  ab|Z|%");
    fmt_unchecked("%s", (char *)0);
    CHECK_STR(out, "(null)");
}

TEST(format_pointer_is_full_width)
{
    FMT("%p", (void *)0x1234);
    CHECK(out[0] == '0' && out[1] == 'x');
    CHECK(pg_strcmp(out + sizeof(void *) * 2 - 2, "1234") == 0);
}

TEST(snprintf_truncates_and_reports_full_length)
{
    char small[5];
    CHECK(ksnprintf(small, sizeof(small), "%s", "pagoda") == 6);
    CHECK_STR(small, "pago");
    CHECK(ksnprintf(small, 0, "%d", 12345) == 5);
}

TEST(format_unknown_conversion_is_printed_as_written)
{
    fmt_unchecked("a%qb");
    CHECK_STR(out, "a%qb");
    fmt_unchecked("end%");
    CHECK_STR(out, "end");
}
