/* Case folding and code pages (kernel/rtl_nls.c), under the counted-string routines. */
#ifndef PAGODA_RTL_NLS_H
#define PAGODA_RTL_NLS_H

#include "kernel/wdm.h"

/* RtlUpcaseUnicodeChar's / RtlDowncaseUnicodeChar's folding for ASCII and Latin-1 (U+00FF and U+0178
 * are a pair); other characters unchanged. */
WCHAR rtl_upcase(WCHAR c);
WCHAR rtl_downcase(WCHAR c);

/* The code pages (kernel/rtl_nls.c): ANSI is Windows-1252, OEM 437; a character the page lacks becomes
 * '?', Windows' default character. */
struct rtl_code_page;
extern const struct rtl_code_page rtl_ansi_code_page, rtl_oem_code_page;
WCHAR rtl_code_page_to_unicode(const struct rtl_code_page *cp, UCHAR c);
UCHAR rtl_code_page_from_unicode(const struct rtl_code_page *cp, WCHAR c);

#endif
