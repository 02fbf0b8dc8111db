/* RtlUnicodeToUTF8N and RtlUTF8ToUnicodeN (kernel/rtl_utf8.c): Windows 7's replacement of what cannot be
 * converted, sizes, short buffers and the parameter checks. */
#include "kernel/wdm.h"
#include "tests/host/unit.h"

TEST(rtl_utf8_round_trip_of_every_length)
{
    const WCHAR w[] = { 'A', 0xE9, 0x20AC, 0xD83D, 0xDE00 }; /* 1, 2, 3 and 4 bytes */
    char u[16];
    ULONG n = 0;
    CHECK(RtlUnicodeToUTF8N(u, sizeof u, &n, w, sizeof w) == STATUS_SUCCESS && n == 10);
    const char expect[] = "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    for (unsigned i = 0; i < 10; i++)
        CHECK(u[i] == expect[i]);
    WCHAR back[8];
    CHECK(RtlUTF8ToUnicodeN(back, sizeof back, &n, u, 10) == STATUS_SUCCESS && n == sizeof w);
    for (unsigned i = 0; i < 5; i++)
        CHECK(back[i] == w[i]);
    CHECK(RtlUnicodeToUTF8N(NULL, 0, &n, w, sizeof w) == STATUS_SUCCESS && n == 10); /* the size asked */
    CHECK(RtlUTF8ToUnicodeN(NULL, 0, &n, u, 10) == STATUS_SUCCESS && n == 10);
    CHECK(RtlUTF8ToUnicodeN(back, sizeof back, &n, "\xef\xbf\xbd", 3) == STATUS_SUCCESS && back[0] == 0xFFFD);
}

TEST(rtl_utf8_replaces_what_is_ill_formed)
{
    WCHAR w[8];
    ULONG n;
    struct {
        const char *in;
        ULONG length, out;
        WCHAR first, second;
    } cases[] = {
        { "\x80" "a", 2, 2, 0xFFFD, 'a' },         /* a lone trail byte */
        { "\xc0\xaf", 2, 2, 0xFFFD, 0xFFFD },      /* overlong: each byte */
        { "\xe2\x82" "a", 3, 2, 0xFFFD, 'a' },     /* cut short: one for the part */
        { "\xed\xa0\x80", 3, 3, 0xFFFD, 0xFFFD },  /* a surrogate */
        { "\xf4\x90\x80\x80", 4, 4, 0xFFFD, 0xFFFD }, /* past U+10FFFF */
        { "\xf0\x9f\x98", 3, 1, 0xFFFD, 0 },       /* cut at the end */
        { "\xff" "b", 2, 2, 0xFFFD, 'b' },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(RtlUTF8ToUnicodeN(w, sizeof w, &n, cases[i].in, cases[i].length) == STATUS_SOME_NOT_MAPPED);
        CHECK(n == cases[i].out * sizeof(WCHAR) && w[0] == cases[i].first);
        CHECK(cases[i].out < 2 || w[1] == cases[i].second);
    }
    const WCHAR lone[] = { 'a', 0xDC00, 0xD800, 'b', 0xD800 };
    char u[16];
    CHECK(RtlUnicodeToUTF8N(u, sizeof u, &n, lone, sizeof lone) == STATUS_SOME_NOT_MAPPED && n == 11);
    CHECK(u[0] == 'a' && (UCHAR)u[1] == 0xEF && (UCHAR)u[2] == 0xBF && (UCHAR)u[3] == 0xBD && u[7] == 'b');
}

TEST(rtl_utf8_short_buffers_and_parameters)
{
    const WCHAR w[] = { 'a', 0x20AC, 'b' };
    char u[8] = "xxxxxxx";
    ULONG n;
    CHECK(RtlUnicodeToUTF8N(u, 3, &n, w, sizeof w) == STATUS_BUFFER_TOO_SMALL && n == 1 && u[1] == 'x');
    WCHAR out[2];
    CHECK(RtlUTF8ToUnicodeN(out, 3, &n, "abc", 3) == STATUS_BUFFER_TOO_SMALL && n == 2 && out[0] == 'a');
    CHECK(RtlUTF8ToUnicodeN(out, sizeof out, &n, "a\xf0\x9f\x98\x80", 5) == STATUS_BUFFER_TOO_SMALL && n == 2);
    CHECK(RtlUnicodeToUTF8N(u, sizeof u, &n, NULL, 2) == STATUS_INVALID_PARAMETER_4);
    CHECK(RtlUnicodeToUTF8N(u, sizeof u, NULL, w, 2) == STATUS_INVALID_PARAMETER);
    CHECK(RtlUnicodeToUTF8N(u, sizeof u, &n, w, 3) == STATUS_INVALID_PARAMETER_5);
    CHECK(RtlUnicodeToUTF8N(NULL, 0, &n, w, 3) == STATUS_SUCCESS && n == 1); /* only counting: the odd byte goes */
    CHECK(RtlUTF8ToUnicodeN(out, sizeof out, &n, NULL, 1) == STATUS_INVALID_PARAMETER_4);
    CHECK(RtlUTF8ToUnicodeN(out, sizeof out, NULL, "a", 1) == STATUS_INVALID_PARAMETER);
    CHECK(RtlUTF8ToUnicodeN(out, sizeof out, &n, "a", 0) == STATUS_SUCCESS && n == 0);
}
