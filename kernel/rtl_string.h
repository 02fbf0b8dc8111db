/* Counted-string routines (the WDK's are declared in kernel/wdm.h). */
#ifndef PAGODA_RTL_STRING_H
#define PAGODA_RTL_STRING_H

#include "kernel/wdm.h"

/* RtlUpcaseUnicodeChar's folding for ASCII and Latin-1; other characters unchanged. */
WCHAR rtl_upcase(WCHAR c);

#endif
