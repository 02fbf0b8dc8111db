/* The C runtime's string routines drivers import (kernel/crt_string.c) and the wide printf forms
 * (kernel/crt_print.c), as Microsoft's CRT documents them. */
#include "kernel/crt_print.h"
#include "kernel/crt_string.h"
#include "kernel/lib/kstring.h"
#include "tests/host/unit.h"

static BOOLEAN wide_is(const WCHAR *a, const WCHAR *b)
{
    return crt_wcscmp(a, b) == 0;
}

TEST(crt_narrow_copy_and_concatenate)
{
    char buf[12];
    CHECK(crt_strcpy(buf, "abc") == buf && strcmp(buf, "abc") == 0);
    CHECK(crt_strcat(buf, "de") == buf && strcmp(buf, "abcde") == 0);
    CHECK(crt_strncat(buf, "fghij", 2) == buf && strcmp(buf, "abcdefg") == 0); /* 2, then a terminator */
    memset(buf, 'X', sizeof buf);
    CHECK(crt_strncpy(buf, "ab", 5) == buf && memcmp(buf, "ab\0\0\0X", 6) == 0); /* padded to 5 */
    memset(buf, 'X', sizeof buf);
    crt_strncpy(buf, "abcdef", 3);
    CHECK(memcmp(buf, "abcX", 4) == 0); /* no terminator when the source is as long */
}

TEST(crt_narrow_search_compare_case)
{
    const char *s = "a/b/c";
    CHECK(crt_strchr(s, '/') == s + 1 && crt_strrchr(s, '/') == s + 3);
    CHECK(crt_strchr(s, 'z') == NULL && crt_strrchr(s, 'z') == NULL);
    CHECK(crt_strchr(s, 0) == s + 5 && crt_strrchr(s, 0) == s + 5);
    CHECK(crt_strstr(s, "b/c") == s + 2 && crt_strstr(s, "") == s && crt_strstr(s, "c/") == NULL);
    CHECK(crt_strstr("aab", "ab") != NULL);
    CHECK(crt_stricmp("Hello", "hELLO") == 0 && crt_stricmp("abc", "ABD") < 0 && crt_stricmp("b", "A") > 0);
    CHECK(crt_stricmp("_", "A") < 0); /* as lower case: '_' (0x5F) before 'a' (0x61) */
    CHECK(crt_stricmp("ab", "a") > 0 && crt_stricmp("", "") == 0);
    CHECK(crt_strnicmp("HeLLo world", "hello there", 5) == 0 && crt_strnicmp("abc", "abd", 3) < 0);
    CHECK(crt_strnicmp("x", "y", 0) == 0);
    char t[8];
    crt_strcpy(t, "MiX3d\xc9");
    CHECK(crt_strlwr(t) == t && strcmp(t, "mix3d\xc9") == 0); /* the C locale: ASCII only */
    CHECK(crt_strupr(t) == t && strcmp(t, "MIX3D\xc9") == 0);
    CHECK(crt_toupper('a') == 'A' && crt_toupper('A') == 'A' && crt_toupper('{') == '{' && crt_toupper(0xE9) == 0xE9);
    CHECK(crt_tolower('Z') == 'z' && crt_tolower('@') == '@' && crt_tolower(-1) == -1);
    CHECK(crt_atoi("  -42x") == -42 && crt_atoi("+7") == 7 && crt_atoi("0x10") == 0 && crt_atoi("") == 0);
    CHECK(crt_atoi("2147483647") == 2147483647);
}

TEST(crt_wide_routines)
{
    WCHAR buf[12];
    CHECK(crt_wcslen(u"") == 0 && crt_wcslen(u"wide") == 4);
    CHECK(crt_wcscpy(buf, u"ab") == buf && wide_is(buf, u"ab"));
    CHECK(crt_wcscat(buf, u"cd") == buf && wide_is(buf, u"abcd"));
    CHECK(crt_wcsncat(buf, u"efgh", 1) == buf && wide_is(buf, u"abcde"));
    for (unsigned i = 0; i < 12; i++)
        buf[i] = 'X';
    CHECK(crt_wcsncpy(buf, u"z", 3) == buf && buf[0] == 'z' && buf[1] == 0 && buf[2] == 0 && buf[3] == 'X');
    crt_wcsncpy(buf, u"long", 2);
    CHECK(buf[1] == 'o' && buf[2] == 0); /* from before: no terminator written */
    CHECK(crt_wcscmp(u"abc", u"abd") < 0 && crt_wcscmp(u"b", u"abc") > 0 && crt_wcscmp(u"", u"") == 0);
    CHECK(crt_wcscmp(u"\u0100", u"a") > 0); /* unsigned 16-bit characters */
    CHECK(crt_wcsncmp(u"abcX", u"abcY", 3) == 0 && crt_wcsncmp(u"ab", u"abc", 3) < 0);
    CHECK(crt_wcsicmp(u"\u00c9t\u00c9", u"\u00e9T\u00e9") == 0 && crt_wcsicmp(u"a", u"B") < 0);
    CHECK(crt_wcsnicmp(u"DEVICE\\x", u"device\\y", 7) == 0 && crt_wcsnicmp(u"a", u"b", 1) < 0);
    const WCHAR *s = u"\\??\\C:\\dir";
    CHECK(crt_wcschr(s, '\\') == s && crt_wcsrchr(s, '\\') == s + 6 && crt_wcschr(s, 'q') == NULL);
    CHECK(crt_wcschr(s, 0) == s + 10);
    CHECK(crt_wcsstr(s, u"C:") == s + 4 && crt_wcsstr(s, u"") == s && crt_wcsstr(s, u"dirs") == NULL);
    crt_wcscpy(buf, u"Ab\u00ff\u00c0");
    CHECK(crt_wcsupr(buf) == buf && buf[0] == 'A' && buf[1] == 'B' && buf[2] == 0x178 && buf[3] == 0xC0);
    CHECK(crt_wcslwr(buf) == buf && buf[0] == 'a' && buf[2] == 0xFF && buf[3] == 0xE0);
}

TEST(crt_wide_printf_forms)
{
    WCHAR buf[16];
    for (unsigned i = 0; i < 16; i++)
        buf[i] = 'X';
    CHECK(_snwprintf(buf, 16, u"%d-%s", 42, u"w") == 4 && wide_is(buf, u"42-w"));
    for (unsigned i = 0; i < 16; i++)
        buf[i] = 'X';
    CHECK(_snwprintf(buf, 3, u"%d", 12345) == -1 && buf[2] == '3' && buf[3] == 'X'); /* cut, unterminated */
    CHECK(_snwprintf(buf, 3, u"abc") == 3 && buf[2] == 'c' && buf[3] == 'X');
    CHECK(swprintf(buf, u"%x:%S", 0xbeef, "n") == 6 && wide_is(buf, u"beef:n"));
}
