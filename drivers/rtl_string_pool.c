/* The Rtl string routines that allocate (AllocateDestinationString, RtlCreateUnicodeString) and free:
 * kernel/rtl_string.c does the work, the pool (a layer above it) gives the buffers. As on Windows they
 * come from paged pool, so these routines are for IRQL < DISPATCH_LEVEL; each is charged to the code
 * that called the routine, as the lookaside lists' default routines are, so a driver's leaked string
 * shows under its name (poolmon, pool tracking). Portable: host-tested. */
#include "kernel/lib/kstring.h"
#include "kernel/rtl_string.h"
#include "pool/pool.h"

#define TAG_RTL_STRING 'grtS' /* "Strg" */
#define CALLER __builtin_return_address(0)

static PVOID string_buffer(SIZE_T bytes, const void *caller)
{
    return pool_allocate_as(caller, PagedPool, bytes, TAG_RTL_STRING);
}

static rtl_string_alloc allocator(BOOLEAN allocate)
{
    return allocate ? string_buffer : NULL;
}

NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString, PCANSI_STRING SourceString,
                                            BOOLEAN AllocateDestinationString)
{
    return rtl_string_to_unicode(DestinationString, SourceString, &rtl_ansi_code_page,
                                 allocator(AllocateDestinationString), CALLER);
}

NTSTATUS NTAPI RtlOemStringToUnicodeString(PUNICODE_STRING DestinationString, PCOEM_STRING SourceString,
                                           BOOLEAN AllocateDestinationString)
{
    return rtl_string_to_unicode(DestinationString, SourceString, &rtl_oem_code_page,
                                 allocator(AllocateDestinationString), CALLER);
}

NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString, PCUNICODE_STRING SourceString,
                                            BOOLEAN AllocateDestinationString)
{
    return rtl_unicode_to_string(DestinationString, SourceString, &rtl_ansi_code_page, NULL, TRUE,
                                 allocator(AllocateDestinationString), CALLER);
}

NTSTATUS NTAPI RtlUnicodeStringToOemString(POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
                                           BOOLEAN AllocateDestinationString)
{
    return rtl_unicode_to_string(DestinationString, SourceString, &rtl_oem_code_page, NULL, FALSE,
                                 allocator(AllocateDestinationString), CALLER);
}

NTSTATUS NTAPI RtlUpcaseUnicodeStringToOemString(POEM_STRING DestinationString, PCUNICODE_STRING SourceString,
                                                 BOOLEAN AllocateDestinationString)
{
    return rtl_unicode_to_string(DestinationString, SourceString, &rtl_oem_code_page, rtl_upcase, FALSE,
                                 allocator(AllocateDestinationString), CALLER);
}

NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
                                      BOOLEAN AllocateDestinationString)
{
    return rtl_map_unicode(DestinationString, SourceString, rtl_upcase, allocator(AllocateDestinationString),
                           CALLER);
}

NTSTATUS NTAPI RtlDowncaseUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString,
                                        BOOLEAN AllocateDestinationString)
{
    return rtl_map_unicode(DestinationString, SourceString, rtl_downcase, allocator(AllocateDestinationString),
                           CALLER);
}

BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    return rtl_create_unicode(DestinationString, SourceString, string_buffer, CALLER);
}

NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG Flags, PCUNICODE_STRING SourceString, PUNICODE_STRING DestinationString)
{
    return rtl_duplicate_unicode(Flags, SourceString, DestinationString, string_buffer, CALLER);
}

NTSTATUS NTAPI RtlStringFromGUID(REFGUID Guid, PUNICODE_STRING GuidString)
{
    return rtl_string_from_guid(Guid, GuidString, string_buffer, CALLER);
}

/* The buffer back to the pool (any tag: drivers also hand these routines strings they allocated
 * themselves), and the string emptied. A NULL buffer frees nothing. */
static void free_buffer(PVOID buffer, const void *caller)
{
    if (buffer)
        pool_free_as(caller, buffer, 0);
}

VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
    free_buffer(UnicodeString->Buffer, CALLER);
    memset(UnicodeString, 0, sizeof *UnicodeString);
}

VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString)
{
    free_buffer(AnsiString->Buffer, CALLER);
    memset(AnsiString, 0, sizeof *AnsiString);
}
