/* Counted-string routines (the WDK's are declared in kernel/wdm.h). */
#ifndef PAGODA_RTL_STRING_H
#define PAGODA_RTL_STRING_H

#include "kernel/rtl_nls.h"
#include "kernel/wdm.h"

/* Character i of a buffer of unit-byte characters (1: CHAR, 2: WCHAR), read and written: the code for
 * both kinds of string is written once over the character size. */
static inline unsigned rtl_char_at(const void *buffer, SIZE_T i, unsigned unit)
{
    return unit == 1 ? ((const UCHAR *)buffer)[i] : ((const WCHAR *)buffer)[i];
}

static inline void rtl_set_char(void *buffer, SIZE_T i, unsigned unit, unsigned c)
{
    if (unit == 1)
        ((UCHAR *)buffer)[i] = (UCHAR)c;
    else
        ((WCHAR *)buffer)[i] = (WCHAR)c;
}

/* Gives the buffer of a destination string when the caller asked for one (AllocateDestinationString):
 * bytes of paged pool charged to the code at caller, NULL when there are none. The pool is a layer up,
 * so drivers/rtl_string_pool.c passes it in; the host tests pass their own. */
typedef PVOID (*rtl_string_alloc)(SIZE_T bytes, const void *caller);

/* The routines behind RtlAnsi/OemStringToUnicodeString, RtlUnicodeStringToAnsi/OemString (map NULL, or
 * rtl_upcase for RtlUpcaseUnicodeStringToOemString; truncate for the ANSI one, which fills a destination
 * too small), RtlUpcase/DowncaseUnicodeString (map: rtl_upcase or rtl_downcase) and
 * RtlCreateUnicodeString: alloc NULL writes into the destination's own buffer. */
NTSTATUS rtl_string_to_unicode(PUNICODE_STRING dst, const STRING *src, const struct rtl_code_page *cp,
                               rtl_string_alloc alloc, const void *caller);
NTSTATUS rtl_unicode_to_string(PSTRING dst, PCUNICODE_STRING src, const struct rtl_code_page *cp, WCHAR (*map)(WCHAR),
                               BOOLEAN truncate, rtl_string_alloc alloc, const void *caller);
NTSTATUS rtl_map_unicode(PUNICODE_STRING dst, PCUNICODE_STRING src, WCHAR (*map)(WCHAR), rtl_string_alloc alloc,
                         const void *caller);
BOOLEAN rtl_create_unicode(PUNICODE_STRING dst, PCWSTR src, rtl_string_alloc alloc, const void *caller);
NTSTATUS rtl_duplicate_unicode(ULONG flags, PCUNICODE_STRING src, PUNICODE_STRING dst, rtl_string_alloc alloc,
                               const void *caller);
/* RtlStringFromGUID: the GUID's registry form in a terminated buffer from alloc (STATUS_NO_MEMORY
 * without one). */
NTSTATUS rtl_string_from_guid(REFGUID guid, PUNICODE_STRING string, rtl_string_alloc alloc, const void *caller);

#endif
