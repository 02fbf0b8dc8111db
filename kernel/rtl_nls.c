/* National language support without NLS files: case folding for ASCII and Latin-1, and the code pages
 * Windows' Rtl routines convert through: ANSI is Windows-1252, OEM is 437 (the tables of
 * an English Windows). Both are single-byte, ASCII below 0x80, so a table of the upper half each is the
 * whole page; a byte 1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) is the C1 control of its value,
 * as in Windows' table. A character a page lacks becomes '?', the default character (no best-fit
 * mapping). Portable: host-tested. */
#include "kernel/rtl_nls.h"

#define DEFAULT_CHAR '?'

struct rtl_code_page {
    WCHAR high[128]; /* bytes 0x80-0xFF */
};

const struct rtl_code_page rtl_ansi_code_page = { {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9,
    0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5,
    0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
    0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1,
    0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD,
    0x00FE, 0x00FF,
} };

const struct rtl_code_page rtl_oem_code_page = { {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC,
    0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00A2,
    0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310,
    0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C,
    0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF,
    0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2,
    0x25A0, 0x00A0,
} };

WCHAR rtl_upcase(WCHAR c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return (WCHAR)(c - 0x20);
    if (c == 0xFF)
        return 0x178;
    return c;
}

WCHAR rtl_downcase(WCHAR c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return (WCHAR)(c + 0x20);
    if (c == 0x178)
        return 0xFF;
    return c;
}

WCHAR rtl_code_page_to_unicode(const struct rtl_code_page *cp, UCHAR c)
{
    return c < 0x80 ? c : cp->high[c - 0x80];
}

UCHAR rtl_code_page_from_unicode(const struct rtl_code_page *cp, WCHAR c)
{
    if (c < 0x80)
        return (UCHAR)c;
    for (unsigned i = 0; i < 128; i++)
        if (cp->high[i] == c)
            return (UCHAR)(0x80 + i);
    return DEFAULT_CHAR;
}

/* As many bytes as the destination has characters for: one character each. */
static NTSTATUS to_unicode_n(const struct rtl_code_page *cp, PWCH out, ULONG max_bytes, PULONG written,
                             const CHAR *in, ULONG in_bytes)
{
    ULONG n = max_bytes / sizeof(WCHAR) < in_bytes ? max_bytes / sizeof(WCHAR) : in_bytes;
    for (ULONG i = 0; i < n; i++)
        out[i] = rtl_code_page_to_unicode(cp, (UCHAR)in[i]);
    if (written)
        *written = n * sizeof(WCHAR);
    return STATUS_SUCCESS;
}

/* As many characters as the destination has bytes for, mapped first when map is given (upper case). */
static NTSTATUS from_unicode_n(const struct rtl_code_page *cp, WCHAR (*map)(WCHAR), PCHAR out, ULONG max_bytes,
                               PULONG written, PCWCH in, ULONG in_bytes)
{
    ULONG n = in_bytes / sizeof(WCHAR) < max_bytes ? in_bytes / sizeof(WCHAR) : max_bytes;
    for (ULONG i = 0; i < n; i++)
        out[i] = (CHAR)rtl_code_page_from_unicode(cp, map ? map(in[i]) : in[i]);
    if (written)
        *written = n;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlMultiByteToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString, PULONG BytesInUnicodeString,
                                      const CHAR *MultiByteString, ULONG BytesInMultiByteString)
{
    return to_unicode_n(&rtl_ansi_code_page, UnicodeString, MaxBytesInUnicodeString, BytesInUnicodeString,
                        MultiByteString, BytesInMultiByteString);
}

NTSTATUS NTAPI RtlOemToUnicodeN(PWSTR UnicodeString, ULONG MaxBytesInUnicodeString, PULONG BytesInUnicodeString,
                                const CHAR *OemString, ULONG BytesInOemString)
{
    return to_unicode_n(&rtl_oem_code_page, UnicodeString, MaxBytesInUnicodeString, BytesInUnicodeString, OemString,
                        BytesInOemString);
}

NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
                                      PULONG BytesInMultiByteString, PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
    return from_unicode_n(&rtl_ansi_code_page, NULL, MultiByteString, MaxBytesInMultiByteString,
                          BytesInMultiByteString, UnicodeString, BytesInUnicodeString);
}

NTSTATUS NTAPI RtlUpcaseUnicodeToMultiByteN(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
                                            PULONG BytesInMultiByteString, PCWCH UnicodeString,
                                            ULONG BytesInUnicodeString)
{
    return from_unicode_n(&rtl_ansi_code_page, rtl_upcase, MultiByteString, MaxBytesInMultiByteString,
                          BytesInMultiByteString, UnicodeString, BytesInUnicodeString);
}

NTSTATUS NTAPI RtlUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString, PULONG BytesInOemString,
                                PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
    return from_unicode_n(&rtl_oem_code_page, NULL, OemString, MaxBytesInOemString, BytesInOemString, UnicodeString,
                          BytesInUnicodeString);
}

NTSTATUS NTAPI RtlUpcaseUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString, PULONG BytesInOemString,
                                      PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
    return from_unicode_n(&rtl_oem_code_page, rtl_upcase, OemString, MaxBytesInOemString, BytesInOemString,
                          UnicodeString, BytesInUnicodeString);
}

/* Single-byte pages: a byte per character each way. */
NTSTATUS NTAPI RtlMultiByteToUnicodeSize(PULONG BytesInUnicodeString, const CHAR *MultiByteString,
                                         ULONG BytesInMultiByteString)
{
    (void)MultiByteString;
    *BytesInUnicodeString = BytesInMultiByteString * sizeof(WCHAR);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToMultiByteSize(PULONG BytesInMultiByteString, PCWCH UnicodeString,
                                         ULONG BytesInUnicodeString)
{
    (void)UnicodeString;
    *BytesInMultiByteString = BytesInUnicodeString / sizeof(WCHAR);
    return STATUS_SUCCESS;
}
