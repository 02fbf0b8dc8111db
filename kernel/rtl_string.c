/* Counted strings (UNICODE_STRING, ANSI_STRING, OEM_STRING) as ntoskrnl.exe's Rtl routines handle them:
 * lengths in bytes, no terminator counted, one written when there is room. Case folding and the code
 * pages are kernel/rtl_nls.c's. STRING and
 * UNICODE_STRING are the same shape, so each operation is written once over a character size (1 or 2
 * bytes). Portable: host-tested. */
#include "kernel/rtl_string.h"

#include "kernel/lib/kstring.h"

#define MAX_USHORT_EVEN 0xFFFE
#define MAX_USHORT 0xFFFF

BOOLEAN NlsMbCodePageTag, NlsMbOemCodePageTag; /* FALSE: single-byte code pages */

/* A terminator after length bytes, if max_length has room for one. */
static void terminate(void *buffer, unsigned length, unsigned max_length, unsigned unit)
{
    if (length + unit <= max_length)
        rtl_set_char(buffer, length / unit, unit, 0);
}

VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    SIZE_T n = 0;
    if (SourceString)
        while (SourceString[n])
            n++;
    SIZE_T bytes = n * sizeof(WCHAR);
    if (bytes > MAX_USHORT_EVEN - sizeof(WCHAR))
        bytes = MAX_USHORT_EVEN - sizeof(WCHAR); /* as NT: the count is cut, not the buffer */
    DestinationString->Length = (USHORT)bytes;
    DestinationString->MaximumLength = SourceString ? (USHORT)(bytes + sizeof(WCHAR)) : 0;
    DestinationString->Buffer = (PWCH)SourceString;
}

/* Also RtlInitString (drivers/exports_ntoskrnl.c): STRING and ANSI_STRING are one type. */
VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
    SIZE_T n = SourceString ? strlen(SourceString) : 0;
    if (n > MAX_USHORT_EVEN)
        n = MAX_USHORT_EVEN;
    DestinationString->Length = (USHORT)n;
    DestinationString->MaximumLength = SourceString ? (USHORT)(n + 1) : 0;
    DestinationString->Buffer = (PCHAR)SourceString;
}

/* As much of the source as the destination holds (whole characters), terminated when there is room; a
 * NULL source empties the destination. */
static void copy_counted(USHORT *length, USHORT max_length, void *buffer, const void *src, USHORT src_length,
                         unsigned unit)
{
    unsigned n = src_length < max_length ? src_length : max_length;
    n -= n % unit;
    memmove(buffer, src, n);
    *length = (USHORT)n;
    terminate(buffer, n, max_length, unit);
}

VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    PUNICODE_STRING d = DestinationString;
    if (!SourceString)
        d->Length = 0;
    else
        copy_counted(&d->Length, d->MaximumLength, d->Buffer, SourceString->Buffer, SourceString->Length, 2);
}

VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString)
{
    PSTRING d = DestinationString;
    if (!SourceString)
        d->Length = 0;
    else
        copy_counted(&d->Length, d->MaximumLength, d->Buffer, SourceString->Buffer, SourceString->Length, 1);
}

/* The source after the destination's text, all of it or nothing (STATUS_BUFFER_TOO_SMALL). */
static NTSTATUS append_counted(USHORT *length, USHORT max_length, void *buffer, const void *src, SIZE_T src_length,
                               unsigned unit)
{
    if (!src_length)
        return STATUS_SUCCESS;
    SIZE_T total = *length + src_length;
    if (total > max_length)
        return STATUS_BUFFER_TOO_SMALL;
    memmove((char *)buffer + *length, src, src_length);
    *length = (USHORT)total;
    terminate(buffer, (unsigned)total, max_length, unit);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source)
{
    PUNICODE_STRING d = Destination;
    return append_counted(&d->Length, d->MaximumLength, d->Buffer, Source->Buffer, Source->Length, 2);
}

NTSTATUS NTAPI RtlAppendStringToString(PSTRING Destination, const STRING *Source)
{
    return append_counted(&Destination->Length, Destination->MaximumLength, Destination->Buffer, Source->Buffer,
                          Source->Length, 1);
}

/* A NULL source appends nothing. */
NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source)
{
    SIZE_T n = 0;
    if (Source)
        while (Source[n])
            n++;
    return append_counted(&Destination->Length, Destination->MaximumLength, Destination->Buffer, Source,
                          n * sizeof(WCHAR), 2);
}

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter)
{
    return rtl_upcase(SourceCharacter);
}

WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter)
{
    return rtl_downcase(SourceCharacter);
}

/* RtlUpperChar on the ANSI code page: the character's upper case when the page has it, else the byte. */
static unsigned ansi_upcase(unsigned c)
{
    WCHAR u = rtl_upcase(rtl_code_page_to_unicode(&rtl_ansi_code_page, (UCHAR)c));
    UCHAR b = rtl_code_page_from_unicode(&rtl_ansi_code_page, u);
    return rtl_code_page_to_unicode(&rtl_ansi_code_page, b) == u ? b : c;
}

/* The first n1 and n2 characters compared, folded to upper case when fold: the difference of the first
 * characters that differ, else of the lengths. */
static LONG compare_counted(const void *s1, SIZE_T n1, const void *s2, SIZE_T n2, unsigned unit, BOOLEAN fold)
{
    for (SIZE_T i = 0; i < n1 && i < n2; i++) {
        unsigned a = rtl_char_at(s1, i, unit), b = rtl_char_at(s2, i, unit);
        if (fold && unit == 1)
            a = ansi_upcase(a), b = ansi_upcase(b);
        else if (fold)
            a = rtl_upcase((WCHAR)a), b = rtl_upcase((WCHAR)b);
        if (a != b)
            return (LONG)a - (LONG)b;
    }
    return (LONG)n1 - (LONG)n2;
}

LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    return compare_counted(String1->Buffer, String1->Length / sizeof(WCHAR), String2->Buffer,
                           String2->Length / sizeof(WCHAR), 2, CaseInSensitive);
}

BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    return String1->Length == String2->Length && RtlCompareUnicodeString(String1, String2, CaseInSensitive) == 0;
}

LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive)
{
    return compare_counted(String1->Buffer, String1->Length, String2->Buffer, String2->Length, 1, CaseInSensitive);
}

BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive)
{
    return String1->Length == String2->Length && RtlCompareString(String1, String2, CaseInSensitive) == 0;
}

/* Whether String1 is the start of String2. */
BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive)
{
    SIZE_T n = String1->Length / sizeof(WCHAR);
    return String1->Length <= String2->Length &&
           compare_counted(String1->Buffer, n, String2->Buffer, n, 2, CaseInSensitive) == 0;
}

/* Lengths in characters. */
LONG NTAPI RtlCompareUnicodeStrings(PCWCH String1, SIZE_T String1Length, PCWCH String2, SIZE_T String2Length,
                                    BOOLEAN CaseInSensitive)
{
    return compare_counted(String1, String1Length, String2, String2Length, 2, CaseInSensitive);
}

BOOLEAN NTAPI RtlPrefixString(const STRING *String1, const STRING *String2, BOOLEAN CaseInSensitive)
{
    return String1->Length <= String2->Length &&
           compare_counted(String1->Buffer, String1->Length, String2->Buffer, String1->Length, 1, CaseInSensitive) == 0;
}

/* Flags must be 0. A NULL string is valid; otherwise even lengths, Length within MaximumLength, and a
 * buffer unless both are 0. */
NTSTATUS NTAPI RtlValidateUnicodeString(ULONG Flags, PCUNICODE_STRING String)
{
    if (Flags)
        return STATUS_INVALID_PARAMETER;
    if (String && ((String->Length | String->MaximumLength) % sizeof(WCHAR) || String->Length > String->MaximumLength ||
                   (!String->Buffer && String->MaximumLength)))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/* RtlDuplicateUnicodeString: flags 0, NULL_TERMINATE, or both (ALLOCATE_NULL_STRING alone is invalid, as
 * on Windows); an empty source gives an empty string without a buffer unless both are set. */
NTSTATUS rtl_duplicate_unicode(ULONG flags, PCUNICODE_STRING src, PUNICODE_STRING dst, rtl_string_alloc alloc,
                               const void *caller)
{
    if (!src || !dst || (flags != 0 && flags != RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE &&
                         flags != (RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE |
                                   RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING)) ||
        !NT_SUCCESS(RtlValidateUnicodeString(0, src)))
        return STATUS_INVALID_PARAMETER;
    BOOLEAN terminate = (flags & RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE) != 0;
    if (!src->Length && !(flags & RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING)) {
        dst->Length = dst->MaximumLength = 0;
        dst->Buffer = NULL;
        return STATUS_SUCCESS;
    }
    SIZE_T size = src->Length + (terminate ? sizeof(WCHAR) : 0);
    if (size > MAX_USHORT_EVEN)
        return STATUS_NAME_TOO_LONG;
    PWCH buffer = alloc(size, caller);
    if (!buffer)
        return STATUS_NO_MEMORY;
    memcpy(buffer, src->Buffer, src->Length);
    if (terminate)
        buffer[src->Length / sizeof(WCHAR)] = 0;
    dst->Buffer = buffer;
    dst->Length = src->Length;
    dst->MaximumLength = (USHORT)size;
    return STATUS_SUCCESS;
}

/* As many characters as the destination holds, upper-cased; no terminator. */
VOID NTAPI RtlUpperString(PSTRING DestinationString, const STRING *SourceString)
{
    USHORT n = SourceString->Length < DestinationString->MaximumLength ? SourceString->Length
                                                                        : DestinationString->MaximumLength;
    for (USHORT i = 0; i < n; i++)
        DestinationString->Buffer[i] = (CHAR)ansi_upcase((UCHAR)SourceString->Buffer[i]);
    DestinationString->Length = n;
}

/* The sizes the WDK's RtlAnsiStringToUnicodeSize / RtlUnicodeStringToAnsiSize macros call for (a
 * single-byte code page: NlsMbCodePageTag is FALSE), terminator included. */
ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString)
{
    return ((ULONG)AnsiString->Length + 1) * sizeof(WCHAR);
}

ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString)
{
    return (ULONG)UnicodeString->Length / sizeof(WCHAR) + 1;
}

/* The destination's buffer: size bytes from alloc when there is one (NULL for none), else the
 * destination's own, which must hold needed bytes (STATUS_BUFFER_OVERFLOW). */
static NTSTATUS destination(PVOID *buffer, USHORT *max_length, SIZE_T size, SIZE_T needed, rtl_string_alloc alloc,
                            const void *caller)
{
    if (!alloc)
        return needed <= *max_length ? STATUS_SUCCESS : STATUS_BUFFER_OVERFLOW;
    *buffer = size ? alloc(size, caller) : NULL;
    if (size && !*buffer)
        return STATUS_NO_MEMORY;
    *max_length = (USHORT)size;
    return STATUS_SUCCESS;
}

NTSTATUS rtl_string_to_unicode(PUNICODE_STRING dst, const STRING *src, const struct rtl_code_page *cp,
                               rtl_string_alloc alloc, const void *caller)
{
    ULONG size = RtlxAnsiStringToUnicodeSize(src);
    if (size > MAX_USHORT)
        return STATUS_INVALID_PARAMETER_2;
    PVOID buffer = dst->Buffer;
    NTSTATUS status = destination(&buffer, &dst->MaximumLength, size, size, alloc, caller);
    if (!NT_SUCCESS(status))
        return status;
    dst->Buffer = buffer;
    for (USHORT i = 0; i < src->Length; i++)
        dst->Buffer[i] = rtl_code_page_to_unicode(cp, (UCHAR)src->Buffer[i]);
    dst->Buffer[src->Length] = 0;
    dst->Length = (USHORT)(size - sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* Too small a destination takes what fits, terminated, when truncate (the ANSI routines), else nothing
 * (the OEM ones); either way the result is STATUS_BUFFER_OVERFLOW. */
NTSTATUS rtl_unicode_to_string(PSTRING dst, PCUNICODE_STRING src, const struct rtl_code_page *cp, WCHAR (*map)(WCHAR),
                               BOOLEAN truncate, rtl_string_alloc alloc, const void *caller)
{
    ULONG size = RtlxUnicodeStringToAnsiSize(src);
    PVOID buffer = dst->Buffer;
    NTSTATUS status = destination(&buffer, &dst->MaximumLength, size, size, alloc, caller);
    if (status == STATUS_NO_MEMORY || (status == STATUS_BUFFER_OVERFLOW && (!truncate || !dst->MaximumLength)))
        return status;
    dst->Buffer = buffer;
    ULONG n = status == STATUS_BUFFER_OVERFLOW ? dst->MaximumLength - 1u : size - 1;
    for (ULONG i = 0; i < n; i++)
        dst->Buffer[i] = (CHAR)rtl_code_page_from_unicode(cp, map ? map(src->Buffer[i]) : src->Buffer[i]);
    dst->Buffer[n] = 0;
    dst->Length = (USHORT)n;
    return status;
}

/* The source mapped character by character (in place when dst is src); no terminator. */
NTSTATUS rtl_map_unicode(PUNICODE_STRING dst, PCUNICODE_STRING src, WCHAR (*map)(WCHAR), rtl_string_alloc alloc,
                         const void *caller)
{
    USHORT length = src->Length;
    PVOID buffer = dst->Buffer;
    NTSTATUS status = destination(&buffer, &dst->MaximumLength, length, length, alloc, caller);
    if (!NT_SUCCESS(status))
        return status;
    dst->Buffer = buffer;
    for (USHORT i = 0; i < length / sizeof(WCHAR); i++)
        dst->Buffer[i] = map(src->Buffer[i]);
    dst->Length = length;
    return STATUS_SUCCESS;
}

/* A copy of a terminated string, terminator included; FALSE when it is too long or nothing is left. */
BOOLEAN rtl_create_unicode(PUNICODE_STRING dst, PCWSTR src, rtl_string_alloc alloc, const void *caller)
{
    SIZE_T n = 0;
    while (src[n])
        n++;
    SIZE_T size = (n + 1) * sizeof(WCHAR);
    if (size > MAX_USHORT_EVEN)
        return FALSE;
    PVOID buffer = alloc(size, caller);
    if (!buffer)
        return FALSE;
    memcpy(buffer, src, size);
    dst->Buffer = buffer;
    dst->Length = (USHORT)(size - sizeof(WCHAR));
    dst->MaximumLength = (USHORT)size;
    return TRUE;
}

/* Integers. Base 0 takes a 0x, 0o or 0b prefix (else 10); otherwise 2, 8, 10 or 16. */
static BOOLEAN base_valid(ULONG base)
{
    return base == 2 || base == 8 || base == 10 || base == 16;
}

static int digit_value(unsigned c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    return c >= 'a' && c <= 'z' ? (int)(c - 'a' + 10) : 99;
}

/* RtlCharToInteger and RtlUnicodeStringToInteger: leading white space (anything up to ' '), a sign,
 * the prefix, then digits up to the first that is not one of the base; the value wraps as a ULONG. */
static NTSTATUS parse_integer(const void *s, SIZE_T n, unsigned unit, ULONG base, PULONG value)
{
    SIZE_T i = 0;
    while (i < n && rtl_char_at(s, i, unit) <= ' ')
        i++;
    BOOLEAN negative = FALSE;
    if (i < n && (rtl_char_at(s, i, unit) == '-' || rtl_char_at(s, i, unit) == '+'))
        negative = rtl_char_at(s, i++, unit) == '-';
    if (!base) {
        base = 10;
        if (i + 1 < n && rtl_char_at(s, i, unit) == '0') {
            unsigned p = rtl_char_at(s, i + 1, unit);
            base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
            i += base == 10 ? 0 : 2;
        }
    } else if (!base_valid(base)) {
        return STATUS_INVALID_PARAMETER;
    }
    ULONG v = 0;
    for (int d; i < n && (d = digit_value(rtl_char_at(s, i, unit))) < (int)base; i++)
        v = v * base + (ULONG)d;
    *value = negative ? 0u - v : v;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlCharToInteger(PCSZ String, ULONG Base, PULONG Value)
{
    return parse_integer(String, strlen(String), 1, Base, Value);
}

NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base, PULONG Value)
{
    return parse_integer(String->Buffer, String->Length / sizeof(WCHAR), 2, Base, Value);
}

/* Value's digits in Base (0: 10), upper case, most significant first; how many (0: a Base that is not
 * 2, 8, 10 or 16). */
static unsigned integer_digits(ULONGLONG Value, ULONG Base, char digits[64])
{
    if (!Base)
        Base = 10;
    if (!base_valid(Base))
        return 0;
    char reversed[64];
    unsigned n = 0;
    do {
        reversed[n++] = "0123456789ABCDEF"[Value % Base];
        Value /= Base;
    } while (Value);
    for (unsigned i = 0; i < n; i++)
        digits[i] = reversed[n - 1 - i];
    return n;
}

/* No prefix, terminated: the terminator must fit too (STATUS_BUFFER_OVERFLOW). */
NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG Value, ULONG Base, PUNICODE_STRING String)
{
    char digits[64];
    unsigned n = integer_digits(Value, Base, digits);
    if (!n)
        return STATUS_INVALID_PARAMETER;
    if ((n + 1) * sizeof(WCHAR) > String->MaximumLength)
        return STATUS_BUFFER_OVERFLOW;
    for (unsigned i = 0; i < n; i++)
        String->Buffer[i] = (WCHAR)digits[i];
    String->Buffer[n] = 0;
    String->Length = (USHORT)(n * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* Into a buffer of Length bytes: the digits, and a terminator when there is room for it; more digits
 * than Length is STATUS_BUFFER_OVERFLOW, nothing written. */
NTSTATUS NTAPI RtlIntegerToChar(ULONG Value, ULONG Base, LONG Length, PCHAR String)
{
    char digits[64];
    unsigned n = integer_digits(Value, Base, digits);
    if (!n)
        return STATUS_INVALID_PARAMETER;
    if ((LONG)n > Length)
        return STATUS_BUFFER_OVERFLOW;
    memcpy(String, digits, n);
    if ((LONG)n < Length)
        String[n] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base, PUNICODE_STRING String)
{
    return RtlInt64ToUnicodeString(Value, Base, String);
}
