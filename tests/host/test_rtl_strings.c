/* The counted-string routines beyond test_rtl.c's: ANSI strings, conversions, case, prefixes, integers
 * (kernel/rtl_string.c), and the allocating ones on the host pool (drivers/rtl_string_pool.c). */
#include "kernel/rtl_string.h"
#include "tests/host/pool_test_util.h"
#include "tests/host/unit.h"

#define TAG_RTL_STRING 0x67727453u /* "Strg" */

static unsigned fake_allocs;
static char fake_heap[256];

static PVOID fake_alloc(SIZE_T bytes, const void *caller)
{
    (void)caller;
    fake_allocs++;
    return bytes <= sizeof fake_heap ? fake_heap : NULL;
}

static PVOID failing_alloc(SIZE_T bytes, const void *caller)
{
    (void)bytes, (void)caller;
    return NULL;
}

static BOOLEAN unicode_is(PCUNICODE_STRING u, const WCHAR *text)
{
    UNICODE_STRING t;
    RtlInitUnicodeString(&t, text);
    return RtlEqualUnicodeString(u, &t, FALSE);
}

TEST(rtl_ansi_strings_copy_compare_upper_append)
{
    char buf[8];
    STRING d = { 0, sizeof buf, buf }, s, t;
    RtlInitAnsiString(&s, "abc");
    RtlCopyString(&d, &s);
    CHECK(d.Length == 3 && buf[2] == 'c' && buf[3] == 0);
    CHECK(RtlAppendStringToString(&d, &s) == STATUS_SUCCESS && d.Length == 6 && buf[5] == 'c' && buf[6] == 0);
    CHECK(RtlAppendStringToString(&d, &s) == STATUS_BUFFER_TOO_SMALL && d.Length == 6);
    RtlInitAnsiString(&s, "0123456789"); /* cut to the destination, no terminator */
    RtlCopyString(&d, &s);
    CHECK(d.Length == 8 && buf[7] == '7');
    RtlCopyString(&d, NULL);
    CHECK(d.Length == 0);

    RtlInitAnsiString(&s, "Pagoda");
    RtlInitAnsiString(&t, "PAGODA");
    CHECK(RtlCompareString(&s, &t, FALSE) > 0 && RtlCompareString(&s, &t, TRUE) == 0);
    CHECK(RtlEqualString(&s, &t, TRUE) && !RtlEqualString(&s, &t, FALSE));
    RtlInitAnsiString(&t, "Pagodas");
    CHECK(RtlCompareString(&s, &t, FALSE) < 0 && !RtlEqualString(&s, &t, TRUE));

    char up[4];
    STRING u = { 0, sizeof up, up };
    RtlInitAnsiString(&s, "a\xe9z_!"); /* Windows-1252: e-acute has an upper case */
    RtlUpperString(&u, &s);
    CHECK(u.Length == 4 && up[0] == 'A' && (UCHAR)up[1] == 0xC9 && up[2] == 'Z' && up[3] == '_');
    RtlInitAnsiString(&s, "\xff");
    RtlUpperString(&u, &s); /* y-diaeresis: its upper case U+0178 is 0x9F in 1252 */
    CHECK(u.Length == 1 && (UCHAR)up[0] == 0x9F);
    RtlInitAnsiString(&s, "\x9a\xaa"); /* s-caron has no upper case here (no NLS tables): it stays */
    RtlUpperString(&u, &s);
    CHECK(u.Length == 2 && (UCHAR)up[0] == 0x9A && (UCHAR)up[1] == 0xAA);
}

TEST(rtl_unicode_prefix_append_case_chars)
{
    UNICODE_STRING a, b;
    RtlInitUnicodeString(&a, u"\\Device\\");
    RtlInitUnicodeString(&b, u"\\DEVICE\\Beep");
    CHECK(RtlPrefixUnicodeString(&a, &b, TRUE) && !RtlPrefixUnicodeString(&a, &b, FALSE));
    CHECK(!RtlPrefixUnicodeString(&b, &a, TRUE)); /* longer than the string */
    CHECK(RtlPrefixUnicodeString(&a, &a, FALSE));

    WCHAR buf[5];
    UNICODE_STRING d = { 0, sizeof buf, buf };
    CHECK(RtlAppendUnicodeToString(&d, u"ab") == STATUS_SUCCESS && d.Length == 4 && buf[2] == 0);
    CHECK(RtlAppendUnicodeToString(&d, u"cd") == STATUS_SUCCESS && d.Length == 8 && buf[3] == 'd' && buf[4] == 0);
    CHECK(RtlAppendUnicodeToString(&d, u"ef") == STATUS_BUFFER_TOO_SMALL && d.Length == 8);
    CHECK(RtlAppendUnicodeToString(&d, NULL) == STATUS_SUCCESS && d.Length == 8);

    CHECK(RtlUpcaseUnicodeChar('q') == 'Q' && RtlUpcaseUnicodeChar(0xFF) == 0x178 && RtlUpcaseUnicodeChar('1') == '1');
    CHECK(RtlDowncaseUnicodeChar('Q') == 'q' && RtlDowncaseUnicodeChar(0x178) == 0xFF);
    CHECK(RtlDowncaseUnicodeChar(0xC9) == 0xE9 && RtlDowncaseUnicodeChar(0xD7) == 0xD7); /* x is no letter */
    CHECK(RtlDowncaseUnicodeChar(0x100) == 0x100); /* beyond Latin-1: unchanged */
}

TEST(rtl_integers_to_and_from_strings)
{
    ULONG v = 7;
    CHECK(RtlCharToInteger("  -123", 0, &v) == STATUS_SUCCESS && v == (ULONG)-123);
    CHECK(RtlCharToInteger("0x1fz", 0, &v) == STATUS_SUCCESS && v == 0x1F);
    CHECK(RtlCharToInteger("0o17", 0, &v) == STATUS_SUCCESS && v == 15);
    CHECK(RtlCharToInteger("0b101", 0, &v) == STATUS_SUCCESS && v == 5);
    CHECK(RtlCharToInteger("ff", 16, &v) == STATUS_SUCCESS && v == 255);
    CHECK(RtlCharToInteger("777", 8, &v) == STATUS_SUCCESS && v == 511);
    CHECK(RtlCharToInteger("1012", 2, &v) == STATUS_SUCCESS && v == 5); /* up to the first non-digit */
    CHECK(RtlCharToInteger("+42", 10, &v) == STATUS_SUCCESS && v == 42);
    CHECK(RtlCharToInteger("0x10", 10, &v) == STATUS_SUCCESS && v == 0); /* a prefix only for base 0 */
    CHECK(RtlCharToInteger("", 0, &v) == STATUS_SUCCESS && v == 0);
    CHECK(RtlCharToInteger("12", 7, &v) == STATUS_INVALID_PARAMETER);

    UNICODE_STRING s = { 10, 10, (PWCH)u"0x2A99" }; /* counted: the 99 lies beyond Length */
    s.Length = 8;
    CHECK(RtlUnicodeStringToInteger(&s, 0, &v) == STATUS_SUCCESS && v == 42);
    RtlInitUnicodeString(&s, u"\t-0b11");
    CHECK(RtlUnicodeStringToInteger(&s, 0, &v) == STATUS_SUCCESS && v == (ULONG)-3);
    RtlInitUnicodeString(&s, u"4294967295");
    CHECK(RtlUnicodeStringToInteger(&s, 10, &v) == STATUS_SUCCESS && v == 0xFFFFFFFFu);
    CHECK(RtlUnicodeStringToInteger(&s, 3, &v) == STATUS_INVALID_PARAMETER);

    WCHAR buf[12];
    UNICODE_STRING d = { 0, sizeof buf, buf };
    CHECK(RtlIntegerToUnicodeString(1234, 0, &d) == STATUS_SUCCESS && unicode_is(&d, u"1234") && buf[4] == 0);
    CHECK(RtlIntegerToUnicodeString(0xBEEF, 16, &d) == STATUS_SUCCESS && unicode_is(&d, u"BEEF"));
    CHECK(RtlIntegerToUnicodeString(5, 2, &d) == STATUS_SUCCESS && unicode_is(&d, u"101"));
    CHECK(RtlIntegerToUnicodeString(8, 8, &d) == STATUS_SUCCESS && unicode_is(&d, u"10"));
    CHECK(RtlIntegerToUnicodeString(0, 10, &d) == STATUS_SUCCESS && unicode_is(&d, u"0"));
    CHECK(RtlIntegerToUnicodeString(1, 3, &d) == STATUS_INVALID_PARAMETER);
    d.MaximumLength = 8; /* "1234" and its terminator need 10 bytes */
    CHECK(RtlIntegerToUnicodeString(1234, 10, &d) == STATUS_BUFFER_OVERFLOW);
    CHECK(RtlIntegerToUnicodeString(123, 10, &d) == STATUS_SUCCESS && unicode_is(&d, u"123"));

    char text[6] = "xxxxx";
    CHECK(RtlIntegerToChar(0xFFFFFFFFu, 8, 6, text) == STATUS_BUFFER_OVERFLOW && text[0] == 'x'); /* 11 digits */
    CHECK(RtlIntegerToChar(42, 0, 6, text) == STATUS_SUCCESS && strcmp(text, "42") == 0);
    CHECK(RtlIntegerToChar(0xABCDE, 16, 5, text) == STATUS_SUCCESS && text[0] == 'A' && text[4] == 'E' && text[5] == 0);
    CHECK(RtlIntegerToChar(1, 9, 6, text) == STATUS_INVALID_PARAMETER);
}

TEST(rtl_conversions_into_the_callers_buffer)
{
    ANSI_STRING a;
    RtlInitAnsiString(&a, "caf\xe9");
    CHECK(RtlxAnsiStringToUnicodeSize(&a) == 10);
    WCHAR wide[5];
    UNICODE_STRING u = { 0, sizeof wide, wide };
    CHECK(rtl_string_to_unicode(&u, &a, &rtl_ansi_code_page, NULL, NULL) == STATUS_SUCCESS);
    CHECK(u.Length == 8 && wide[3] == 0xE9 && wide[4] == 0 && u.MaximumLength == sizeof wide);
    u.MaximumLength = 8; /* no room for the terminator: nothing written */
    wide[0] = 'X';
    CHECK(rtl_string_to_unicode(&u, &a, &rtl_ansi_code_page, NULL, NULL) == STATUS_BUFFER_OVERFLOW && wide[0] == 'X');

    UNICODE_STRING w = { 8, 8, (PWCH)u"A\u0100BC" };
    CHECK(RtlxUnicodeStringToAnsiSize(&w) == 5);
    char narrow[5];
    ANSI_STRING n = { 0, sizeof narrow, narrow };
    CHECK(rtl_unicode_to_string(&n, &w, &rtl_ansi_code_page, NULL, TRUE, NULL, NULL) == STATUS_SUCCESS);
    CHECK(n.Length == 4 && narrow[0] == 'A' && narrow[1] == '?' && narrow[3] == 'C' && narrow[4] == 0);
    n.MaximumLength = 3; /* what fits, terminated, and the overflow said */
    CHECK(rtl_unicode_to_string(&n, &w, &rtl_ansi_code_page, NULL, TRUE, NULL, NULL) == STATUS_BUFFER_OVERFLOW);
    CHECK(n.Length == 2 && narrow[1] == '?' && narrow[2] == 0);
    n.MaximumLength = 0;
    CHECK(rtl_unicode_to_string(&n, &w, &rtl_ansi_code_page, NULL, TRUE, NULL, NULL) == STATUS_BUFFER_OVERFLOW);

    WCHAR up[4];
    UNICODE_STRING d = { 0, sizeof up, up };
    UNICODE_STRING s = { 8, 8, (PWCH)u"a\u00ff1z" };
    CHECK(rtl_map_unicode(&d, &s, rtl_upcase, NULL, NULL) == STATUS_SUCCESS);
    CHECK(d.Length == 8 && up[0] == 'A' && up[1] == 0x178 && up[2] == '1' && up[3] == 'Z');
    CHECK(rtl_map_unicode(&d, &d, rtl_downcase, NULL, NULL) == STATUS_SUCCESS && up[1] == 0xFF && up[3] == 'z');
    d.MaximumLength = 6;
    CHECK(rtl_map_unicode(&d, &s, rtl_upcase, NULL, NULL) == STATUS_BUFFER_OVERFLOW);
}

TEST(rtl_conversions_that_allocate)
{
    ANSI_STRING a;
    RtlInitAnsiString(&a, "abc");
    UNICODE_STRING u = { 0, 0, NULL };
    fake_allocs = 0;
    CHECK(rtl_string_to_unicode(&u, &a, &rtl_ansi_code_page, fake_alloc, NULL) == STATUS_SUCCESS && fake_allocs == 1);
    CHECK(u.Buffer == (PWCH)fake_heap && u.Length == 6 && u.MaximumLength == 8 && u.Buffer[3] == 0);
    CHECK(rtl_string_to_unicode(&u, &a, &rtl_ansi_code_page, failing_alloc, NULL) == STATUS_NO_MEMORY);
    ANSI_STRING n = { 0, 0, NULL };
    CHECK(rtl_unicode_to_string(&n, &u, &rtl_ansi_code_page, NULL, TRUE, fake_alloc, NULL) == STATUS_SUCCESS);
    CHECK(n.Length == 3 && n.MaximumLength == 4 && n.Buffer == fake_heap && fake_heap[3] == 0);
    CHECK(rtl_unicode_to_string(&n, &u, &rtl_ansi_code_page, NULL, TRUE, failing_alloc, NULL) == STATUS_NO_MEMORY);

    static char huge[0x8000]; /* 0x8000 characters need 0x10002 bytes: more than a UNICODE_STRING holds */
    ANSI_STRING big = { 0x7FFF, 0x8000, huge };
    CHECK(rtl_string_to_unicode(&u, &big, &rtl_ansi_code_page, fake_alloc, NULL) == STATUS_INVALID_PARAMETER_2);

    UNICODE_STRING empty = { 0, 0, NULL }, d = { 0, 0, (PWCH)fake_heap };
    CHECK(rtl_map_unicode(&d, &empty, rtl_upcase, failing_alloc, NULL) == STATUS_SUCCESS); /* nothing asked */
    CHECK(d.Buffer == NULL && d.Length == 0 && d.MaximumLength == 0);

    UNICODE_STRING c;
    CHECK(rtl_create_unicode(&c, u"xyz", fake_alloc, NULL) && c.Length == 6 && c.MaximumLength == 8);
    CHECK(c.Buffer[2] == 'z' && c.Buffer[3] == 0);
    CHECK(!rtl_create_unicode(&c, u"xyz", failing_alloc, NULL));
}

/* The exported routines take paged pool under Rtl's tag, charged to their caller, and give it back. */
TEST(rtl_strings_allocate_from_paged_pool)
{
    struct tag_counters before = tag_counts(TAG_RTL_STRING, POOL_KIND_PAGED);
    ANSI_STRING a;
    RtlInitAnsiString(&a, "Pagoda");
    UNICODE_STRING u;
    CHECK(RtlAnsiStringToUnicodeString(&u, &a, TRUE) == STATUS_SUCCESS && unicode_is(&u, u"Pagoda"));
    UNICODE_STRING up;
    CHECK(RtlUpcaseUnicodeString(&up, &u, TRUE) == STATUS_SUCCESS && unicode_is(&up, u"PAGODA"));
    UNICODE_STRING down;
    CHECK(RtlDowncaseUnicodeString(&down, &up, TRUE) == STATUS_SUCCESS && unicode_is(&down, u"pagoda"));
    ANSI_STRING back;
    CHECK(RtlUnicodeStringToAnsiString(&back, &up, TRUE) == STATUS_SUCCESS && back.Length == 6);
    CHECK(back.Buffer[0] == 'P' && back.Buffer[5] == 'A' && back.Buffer[6] == 0);
    UNICODE_STRING c;
    CHECK(RtlCreateUnicodeString(&c, u"\\Driver\\x") && unicode_is(&c, u"\\Driver\\x"));
    struct tag_counters during = tag_counts(TAG_RTL_STRING, POOL_KIND_PAGED);
    CHECK(during.allocs - before.allocs == 5);
    RtlFreeUnicodeString(&u);
    RtlFreeUnicodeString(&up);
    RtlFreeUnicodeString(&down);
    RtlFreeUnicodeString(&c);
    RtlFreeAnsiString(&back);
    CHECK(u.Buffer == NULL && u.Length == 0 && u.MaximumLength == 0 && back.Buffer == NULL);
    RtlFreeAnsiString(&back); /* a NULL buffer: nothing */
    struct tag_counters after = tag_counts(TAG_RTL_STRING, POOL_KIND_PAGED);
    CHECK(after.frees - before.frees == 5);
}

TEST(rtl_int64_compare_prefix_validate)
{
    WCHAR buf[24];
    UNICODE_STRING s = { 0, sizeof buf, buf };
    CHECK(RtlInt64ToUnicodeString(0x123456789ABCDEF0ull, 16, &s) == STATUS_SUCCESS && unicode_is(&s, u"123456789ABCDEF0"));
    CHECK(RtlInt64ToUnicodeString(18446744073709551615ull, 0, &s) == STATUS_SUCCESS &&
          unicode_is(&s, u"18446744073709551615"));
    CHECK(RtlInt64ToUnicodeString(1, 3, &s) == STATUS_INVALID_PARAMETER);
    s.MaximumLength = 4;
    CHECK(RtlInt64ToUnicodeString(100, 10, &s) == STATUS_BUFFER_OVERFLOW);

    CHECK(RtlCompareUnicodeStrings(u"abc", 3, u"ABD", 3, TRUE) < 0 && RtlCompareUnicodeStrings(u"abc", 2, u"AB", 2, TRUE) == 0);
    CHECK(RtlCompareUnicodeStrings(u"abc", 3, u"ab", 2, FALSE) > 0);
    STRING p, t;
    RtlInitAnsiString(&p, "DEV");
    RtlInitAnsiString(&t, "device");
    CHECK(RtlPrefixString(&p, &t, TRUE) && !RtlPrefixString(&p, &t, FALSE) && !RtlPrefixString(&t, &p, TRUE));

    UNICODE_STRING v = { 2, 4, buf };
    CHECK(RtlValidateUnicodeString(0, &v) == STATUS_SUCCESS && RtlValidateUnicodeString(0, NULL) == STATUS_SUCCESS);
    CHECK(RtlValidateUnicodeString(1, &v) == STATUS_INVALID_PARAMETER);
    v.Length = 3;
    CHECK(RtlValidateUnicodeString(0, &v) == STATUS_INVALID_PARAMETER);
    v.Length = 6;
    CHECK(RtlValidateUnicodeString(0, &v) == STATUS_INVALID_PARAMETER);
    UNICODE_STRING none = { 0, 2, NULL };
    CHECK(RtlValidateUnicodeString(0, &none) == STATUS_INVALID_PARAMETER);
}

TEST(rtl_duplicate_unicode_flags)
{
    UNICODE_STRING src, dst;
    RtlInitUnicodeString(&src, u"ab");
    CHECK(rtl_duplicate_unicode(0, &src, &dst, fake_alloc, NULL) == STATUS_SUCCESS);
    CHECK(dst.Buffer == (PWCH)fake_heap && dst.Length == 4 && dst.MaximumLength == 4);
    CHECK(rtl_duplicate_unicode(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE, &src, &dst, fake_alloc, NULL) == STATUS_SUCCESS);
    CHECK(dst.Length == 4 && dst.MaximumLength == 6 && dst.Buffer[2] == 0 && dst.Buffer[1] == 'b');
    CHECK(rtl_duplicate_unicode(RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING, &src, &dst, fake_alloc, NULL) ==
          STATUS_INVALID_PARAMETER);
    CHECK(rtl_duplicate_unicode(4, &src, &dst, fake_alloc, NULL) == STATUS_INVALID_PARAMETER);
    CHECK(rtl_duplicate_unicode(0, NULL, &dst, fake_alloc, NULL) == STATUS_INVALID_PARAMETER);
    CHECK(rtl_duplicate_unicode(0, &src, &dst, failing_alloc, NULL) == STATUS_NO_MEMORY);
    UNICODE_STRING empty = { 0, 0, NULL };
    fake_allocs = 0;
    CHECK(rtl_duplicate_unicode(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE, &empty, &dst, fake_alloc, NULL) == STATUS_SUCCESS);
    CHECK(dst.Buffer == NULL && dst.MaximumLength == 0 && fake_allocs == 0);
    CHECK(rtl_duplicate_unicode(3, &empty, &dst, fake_alloc, NULL) == STATUS_SUCCESS);
    CHECK(dst.Buffer == (PWCH)fake_heap && dst.Length == 0 && dst.MaximumLength == 2 && dst.Buffer[0] == 0);
}
