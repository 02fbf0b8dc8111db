/* The WDK's Rtl memory and counted-string routines (kernel/rtl_memory.c, kernel/rtl_string.c), the
 * string hash (kernel/rtl_hash.c) and DbgPrint's formatting (kernel/dbg_format.c) with Microsoft's
 * conversions. */
#include "kernel/dbg_format.h"
#include "kernel/rtl_string.h"
#include "tests/host/unit.h"

static char out[128];

TEST(rtl_compare_fill_move_memory)
{
    UCHAR a[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, b[8] = { 1, 2, 3, 9, 5, 6, 7, 8 };
    CHECK(RtlCompareMemory(a, b, 8) == 3);
    CHECK(RtlCompareMemory(a, a, 8) == 8);
    CHECK(RtlCompareMemory(a, b, 0) == 0);
    ULONG words[4] = { 7, 7, 7, 8 };
    CHECK(RtlCompareMemoryUlong(words, sizeof words, 7) == 3 * sizeof(ULONG));
    CHECK(RtlCompareMemoryUlong(words, sizeof(ULONG) + 2, 7) == sizeof(ULONG)); /* whole ULONGs only */
    RtlFillMemory(a, 3, 0xAB);
    CHECK(a[0] == 0xAB && a[2] == 0xAB && a[3] == 4);
    RtlFillMemoryUlong(words, 2 * sizeof(ULONG), 0x11223344);
    CHECK(words[0] == 0x11223344 && words[1] == 0x11223344 && words[2] == 7);
    UCHAR s[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    RtlMoveMemory(s + 2, s, 5); /* overlapping, forwards */
    CHECK(s[2] == 1 && s[6] == 5 && s[7] == 8);
    RtlZeroMemory(s, 4);
    CHECK(s[0] == 0 && s[3] == 0 && s[4] == 3);
}

TEST(rtl_init_strings)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, u"Driver");
    CHECK(u.Length == 12 && u.MaximumLength == 14 && u.Buffer[0] == 'D');
    RtlInitUnicodeString(&u, NULL);
    CHECK(u.Length == 0 && u.MaximumLength == 0 && u.Buffer == NULL);
    ANSI_STRING a;
    RtlInitAnsiString(&a, "junk");
    CHECK(a.Length == 4 && a.MaximumLength == 5);
    RtlInitAnsiString(&a, NULL);
    CHECK(a.Length == 0 && a.MaximumLength == 0 && !a.Buffer);
}

TEST(rtl_copy_and_append_unicode_strings)
{
    WCHAR buf[8];
    UNICODE_STRING d = { 0, sizeof buf, buf }, s;
    RtlInitUnicodeString(&s, u"abc");
    RtlCopyUnicodeString(&d, &s);
    CHECK(d.Length == 6 && buf[0] == 'a' && buf[2] == 'c' && buf[3] == 0);
    CHECK(RtlAppendUnicodeStringToString(&d, &s) == STATUS_SUCCESS);
    CHECK(d.Length == 12 && buf[3] == 'a' && buf[5] == 'c' && buf[6] == 0);
    CHECK(RtlAppendUnicodeStringToString(&d, &s) == STATUS_BUFFER_TOO_SMALL && d.Length == 12);
    RtlInitUnicodeString(&s, u"0123456789"); /* longer than the destination: cut to fit, no terminator */
    RtlCopyUnicodeString(&d, &s);
    CHECK(d.Length == 16 && buf[7] == '7');
    RtlCopyUnicodeString(&d, NULL);
    CHECK(d.Length == 0);
}

TEST(rtl_compare_unicode_strings)
{
    UNICODE_STRING a, b, c;
    RtlInitUnicodeString(&a, u"Pagoda");
    RtlInitUnicodeString(&b, u"PAGODA");
    RtlInitUnicodeString(&c, u"Pagodas");
    CHECK(RtlCompareUnicodeString(&a, &b, FALSE) > 0);
    CHECK(RtlCompareUnicodeString(&a, &b, TRUE) == 0);
    CHECK(RtlCompareUnicodeString(&a, &c, FALSE) < 0);
    CHECK(RtlEqualUnicodeString(&a, &b, TRUE) && !RtlEqualUnicodeString(&a, &b, FALSE));
    CHECK(!RtlEqualUnicodeString(&a, &c, TRUE));
    CHECK(rtl_upcase(0xE9) == 0xC9 && rtl_upcase(0xF7) == 0xF7);
}

TEST(dbg_format_microsoft_conversions)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, u"\\Driver\\junk");
    ANSI_STRING a;
    RtlInitAnsiString(&a, "ansi");
    dbg_format(out, sizeof out, "%wZ|%Z|%ws|%S|%wc|%C", &u, &a, u"wide", u"big", (int)u'w', (int)u'C');
    CHECK_STR(out, "\\Driver\\junk|ansi|wide|big|w|C");
    dbg_format(out, sizeof out, "%I64x %I64d %llu", 0x123456789abcdefULL, -5LL, 18446744073709551615ULL);
    CHECK_STR(out, "123456789abcdef -5 18446744073709551615");
    dbg_format(out, sizeof out, "%I32x %Ix", 0xdeadbeefu, (size_t)0x1234);
    CHECK_STR(out, "deadbeef 1234");
    dbg_format(out, sizeof out, "[%p]", (void *)0x1234);
    CHECK_STR(out, sizeof(void *) == 4 ? "[00001234]" : "[0000000000001234]");
    dbg_format(out, sizeof out, "%5d|%-5d|%05d|%+d|%x|%#x|%X|%.3d", 42, 42, 42, 42, 255, 255, 255, 7);
    CHECK_STR(out, "   42|42   |00042|+42|ff|0xff|FF|007");
    dbg_format(out, sizeof out, "%s|%.2s|%6s|%c|%%|%hd", "str", "str", "str", 'c', 70000);
    CHECK_STR(out, "str|st|   str|c|%|4464");
    dbg_format(out, sizeof out, "%wZ %s %ws", (void *)0, (char *)0, (WCHAR *)0);
    CHECK_STR(out, "(null) (null) (null)");
    UNICODE_STRING hi = { 4, 4, (PWCH)u"\u00e9x" }; /* beyond ASCII: '?' */
    dbg_format(out, sizeof out, "%wZ", &hi);
    CHECK_STR(out, "?x");
}

TEST(dbg_format_truncates_and_terminates)
{
    char small[6];
    dbg_format(small, sizeof small, "%s", "truncated");
    CHECK(small[5] == 0);
    CHECK_STR(small, "trunc");
}

TEST(rtl_hash_unicode_string_x65599)
{
    UNICODE_STRING s;
    ULONG h = 1;
    RtlInitUnicodeString(&s, u"abc");
    CHECK(RtlHashUnicodeString(&s, FALSE, HASH_STRING_ALGORITHM_X65599, &h) == STATUS_SUCCESS && h == 0x3025F862);
    CHECK(RtlHashUnicodeString(&s, TRUE, HASH_STRING_ALGORITHM_DEFAULT, &h) == STATUS_SUCCESS && h == 0x20440042);
    RtlInitUnicodeString(&s, u"Pagoda\u00e9"); /* case folding takes Latin-1 too */
    CHECK(RtlHashUnicodeString(&s, FALSE, HASH_STRING_ALGORITHM_X65599, &h) == STATUS_SUCCESS && h == 0x06694493);
    CHECK(RtlHashUnicodeString(&s, TRUE, HASH_STRING_ALGORITHM_X65599, &h) == STATUS_SUCCESS && h == 0xE2952C93);
    s.Length = 0;
    CHECK(RtlHashUnicodeString(&s, TRUE, HASH_STRING_ALGORITHM_X65599, &h) == STATUS_SUCCESS && h == 0);
    CHECK(RtlHashUnicodeString(&s, TRUE, HASH_STRING_ALGORITHM_INVALID, &h) == STATUS_INVALID_PARAMETER);
    CHECK(RtlHashUnicodeString(&s, TRUE, 2, &h) == STATUS_INVALID_PARAMETER);
    CHECK(RtlHashUnicodeString(NULL, TRUE, 0, &h) == STATUS_INVALID_PARAMETER);
    CHECK(RtlHashUnicodeString(&s, TRUE, 0, NULL) == STATUS_INVALID_PARAMETER);
}
