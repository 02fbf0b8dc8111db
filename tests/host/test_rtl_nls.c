/* The code pages (kernel/rtl_nls.c: ANSI 1252, OEM 437) through the N routines and the OEM string
 * routines (kernel/rtl_string.c). */
#include "kernel/rtl_string.h"
#include "tests/host/unit.h"

static PVOID fixed_alloc(SIZE_T bytes, const void *caller)
{
    static char heap[64];
    (void)caller;
    return bytes <= sizeof heap ? heap : NULL;
}

TEST(rtl_ansi_is_1252_both_ways)
{
    WCHAR w[6];
    ULONG n = 99;
    CHECK(RtlMultiByteToUnicodeN(w, sizeof w, &n, "a\x80\x81\x9f\xe9", 5) == STATUS_SUCCESS && n == 10);
    CHECK(w[0] == 'a' && w[1] == 0x20AC && w[2] == 0x81 && w[3] == 0x178 && w[4] == 0xE9);
    char b[6] = "xxxxx";
    CHECK(RtlUnicodeToMultiByteN(b, sizeof b, &n, w, 10) == STATUS_SUCCESS && n == 5);
    CHECK(b[0] == 'a' && (UCHAR)b[1] == 0x80 && (UCHAR)b[2] == 0x81 && (UCHAR)b[3] == 0x9F && (UCHAR)b[4] == 0xE9);
    for (unsigned c = 0; c < 256; c++) /* every byte comes back */
        CHECK(rtl_code_page_from_unicode(&rtl_ansi_code_page, rtl_code_page_to_unicode(&rtl_ansi_code_page, (UCHAR)c)) == c);
    const WCHAR odd[] = { 0x100, 0x3A9, 0x2502 }; /* none in 1252: the default character */
    CHECK(RtlUnicodeToMultiByteN(b, sizeof b, NULL, odd, sizeof odd) == STATUS_SUCCESS);
    CHECK(b[0] == '?' && b[1] == '?' && b[2] == '?');
    const WCHAR lower[] = { 'a', 0xE9, 0xFF, '1' }; /* upper case first: y-diaeresis is 0x9F */
    CHECK(RtlUpcaseUnicodeToMultiByteN(b, sizeof b, &n, lower, sizeof lower) == STATUS_SUCCESS && n == 4);
    CHECK(b[0] == 'A' && (UCHAR)b[1] == 0xC9 && (UCHAR)b[2] == 0x9F && b[3] == '1');
}

TEST(rtl_oem_is_437_both_ways)
{
    WCHAR w[4];
    ULONG n;
    CHECK(RtlOemToUnicodeN(w, sizeof w, &n, "\x82\xb3\xe0\x7f", 4) == STATUS_SUCCESS && n == 8);
    CHECK(w[0] == 0xE9 && w[1] == 0x2502 && w[2] == 0x3B1 && w[3] == 0x7F);
    char b[4];
    CHECK(RtlUnicodeToOemN(b, sizeof b, &n, w, sizeof w) == STATUS_SUCCESS && n == 4);
    CHECK((UCHAR)b[0] == 0x82 && (UCHAR)b[1] == 0xB3 && (UCHAR)b[2] == 0xE0 && b[3] == 0x7F);
    for (unsigned c = 0; c < 256; c++)
        CHECK(rtl_code_page_from_unicode(&rtl_oem_code_page, rtl_code_page_to_unicode(&rtl_oem_code_page, (UCHAR)c)) == c);
    const WCHAR s[] = { 0xE9, 0xC0, 'z' }; /* e-acute up is 0x90; A-grave is not in 437 */
    CHECK(RtlUpcaseUnicodeToOemN(b, sizeof b, &n, s, sizeof s) == STATUS_SUCCESS && n == 3);
    CHECK((UCHAR)b[0] == 0x90 && b[1] == '?' && b[2] == 'Z');
}

TEST(rtl_n_routines_stop_at_the_shorter_side_and_size)
{
    WCHAR w[2];
    ULONG n;
    CHECK(RtlMultiByteToUnicodeN(w, 5, &n, "abcd", 4) == STATUS_SUCCESS && n == 4 && w[1] == 'b');
    CHECK(RtlMultiByteToUnicodeN(w, sizeof w, NULL, "abcd", 1) == STATUS_SUCCESS && w[0] == 'a');
    char b[2];
    const WCHAR src[] = { 'x', 'y', 'z' };
    CHECK(RtlUnicodeToMultiByteN(b, sizeof b, &n, src, sizeof src) == STATUS_SUCCESS && n == 2 && b[1] == 'y');
    CHECK(RtlUnicodeToOemN(b, sizeof b, &n, src, 3) == STATUS_SUCCESS && n == 1); /* whole characters */
    CHECK(RtlMultiByteToUnicodeSize(&n, "abc", 3) == STATUS_SUCCESS && n == 6);
    CHECK(RtlUnicodeToMultiByteSize(&n, src, sizeof src) == STATUS_SUCCESS && n == 3);
}

TEST(rtl_oem_strings_fit_whole_or_not_at_all)
{
    STRING oem;
    RtlInitAnsiString(&oem, "\x8e\x99");
    WCHAR w[3];
    UNICODE_STRING u = { 0, sizeof w, w };
    CHECK(rtl_string_to_unicode(&u, &oem, &rtl_oem_code_page, NULL, NULL) == STATUS_SUCCESS);
    CHECK(u.Length == 4 && w[0] == 0xC4 && w[1] == 0xD6 && w[2] == 0);
    char b[3] = "xx";
    STRING d = { 0, sizeof b, b };
    const WCHAR lower[] = { 0xE4, 0xF6 };
    UNICODE_STRING l = { sizeof lower, sizeof lower, (PWCH)lower };
    CHECK(rtl_unicode_to_string(&d, &l, &rtl_oem_code_page, rtl_upcase, FALSE, NULL, NULL) == STATUS_SUCCESS);
    CHECK(d.Length == 2 && (UCHAR)b[0] == 0x8E && (UCHAR)b[1] == 0x99 && b[2] == 0);
    d.MaximumLength = 2; /* no room for the terminator: the OEM routines write nothing */
    b[0] = 'x';
    CHECK(rtl_unicode_to_string(&d, &l, &rtl_oem_code_page, NULL, FALSE, NULL, NULL) == STATUS_BUFFER_OVERFLOW);
    CHECK(b[0] == 'x');
    STRING a = { 0, 0, NULL };
    CHECK(rtl_unicode_to_string(&a, &l, &rtl_oem_code_page, NULL, FALSE, fixed_alloc, NULL) == STATUS_SUCCESS);
    CHECK(a.Length == 2 && a.MaximumLength == 3 && (UCHAR)a.Buffer[0] == 0x84 && (UCHAR)a.Buffer[1] == 0x94);
}
