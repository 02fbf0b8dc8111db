/* GUIDs in the registry's form, {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}: Data1, Data2 and Data3 as
 * numbers (most significant digit first), then Data4's eight bytes in order, a dash after the first two.
 * Both directions go through the 16 bytes in the order the text has them. Portable: host-tested and
 * fuzzed. */
#include "kernel/rtl_string.h"

#include "kernel/lib/kstring.h"

#define GUID_CHARS 38 /* braces, 32 digits, 4 dashes */

static void to_bytes(const GUID *g, UCHAR b[16])
{
    for (unsigned k = 0; k < 4; k++)
        b[k] = (UCHAR)(g->Data1 >> (24 - 8 * k));
    b[4] = (UCHAR)(g->Data2 >> 8), b[5] = (UCHAR)g->Data2;
    b[6] = (UCHAR)(g->Data3 >> 8), b[7] = (UCHAR)g->Data3;
    memcpy(b + 8, g->Data4, 8);
}

static void from_bytes(GUID *g, const UCHAR b[16])
{
    g->Data1 = (ULONG)b[0] << 24 | (ULONG)b[1] << 16 | (ULONG)b[2] << 8 | b[3];
    g->Data2 = (USHORT)(b[4] << 8 | b[5]);
    g->Data3 = (USHORT)(b[6] << 8 | b[7]);
    memcpy(g->Data4, b + 8, 8);
}

/* Where byte k's two digits start: after the brace and the dashes before it (after bytes 4, 6, 8, 10). */
static unsigned digits_at(unsigned k)
{
    return 1 + 2 * k + (k >= 4) + (k >= 6) + (k >= 8) + (k >= 10);
}

static BOOLEAN dash_at(unsigned i)
{
    return i == 9 || i == 14 || i == 19 || i == 24;
}

static int hex_value(WCHAR c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

NTSTATUS NTAPI RtlGUIDFromString(PUNICODE_STRING GuidString, GUID *Guid)
{
    const WCHAR *s = GuidString->Buffer;
    if (GuidString->Length != GUID_CHARS * sizeof(WCHAR) || s[0] != '{' || s[GUID_CHARS - 1] != '}')
        return STATUS_INVALID_PARAMETER;
    for (unsigned i = 1; i < GUID_CHARS - 1; i++)
        if (dash_at(i) ? s[i] != '-' : hex_value(s[i]) < 0)
            return STATUS_INVALID_PARAMETER;
    UCHAR b[16];
    for (unsigned k = 0; k < 16; k++)
        b[k] = (UCHAR)(hex_value(s[digits_at(k)]) << 4 | hex_value(s[digits_at(k) + 1]));
    from_bytes(Guid, b);
    return STATUS_SUCCESS;
}

NTSTATUS rtl_string_from_guid(REFGUID guid, PUNICODE_STRING string, rtl_string_alloc alloc, const void *caller)
{
    SIZE_T size = (GUID_CHARS + 1) * sizeof(WCHAR);
    WCHAR *s = alloc(size, caller);
    if (!s)
        return STATUS_NO_MEMORY;
    UCHAR b[16];
    to_bytes(guid, b);
    for (unsigned i = 0; i < GUID_CHARS; i++)
        s[i] = '-'; /* what the digits and braces leave */
    s[0] = '{', s[GUID_CHARS - 1] = '}';
    for (unsigned k = 0; k < 16; k++) {
        s[digits_at(k)] = (WCHAR)"0123456789ABCDEF"[b[k] >> 4];
        s[digits_at(k) + 1] = (WCHAR)"0123456789ABCDEF"[b[k] & 15];
    }
    s[GUID_CHARS] = 0;
    string->Buffer = s;
    string->Length = GUID_CHARS * sizeof(WCHAR);
    string->MaximumLength = (USHORT)size;
    return STATUS_SUCCESS;
}
