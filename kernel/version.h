/* Which Windows Pagoda answers as (kernel/version.c): one place for the numbers, which the registry's
 * CurrentVersion key repeats (drivers/registry.c). */
#ifndef PAGODA_VERSION_H
#define PAGODA_VERSION_H

#define PAGODA_NT_MAJOR 10
#define PAGODA_NT_MINOR 0
#define PAGODA_NT_BUILD 19045
#define PAGODA_NT_BUILD_TEXT "19045"
#define PAGODA_NT_DISPLAY_VERSION "22H2"

#endif
