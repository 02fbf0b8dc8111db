/* Which Windows Pagoda answers as: Windows 10 version 22H2, 10.0.19045, the last release built for x86
 * (the pool claims the segment heap of 19H1 and ExAllocatePool2 of 2004, both older), no service pack,
 * a workstation; a checked build, as Pagoda behaves; WDM 6.00, the WDM_MAJORVERSION and
 * WDM_MINORVERSION the DDK headers drivers build with define (Microsoft's table of WDM versions ends
 * with 6.00 from Vista on). */
#include "kernel/version.h"
#include "kernel/wdm.h"

#define MAJOR PAGODA_NT_MAJOR
#define MINOR PAGODA_NT_MINOR
#define BUILD PAGODA_NT_BUILD
#define PLATFORM_NT 2            /* VER_PLATFORM_WIN32_NT */
#define SUITE_SINGLE_USER 0x0100 /* VER_SUITE_SINGLEUSERTS, as a workstation reports */
#define PRODUCT_WORKSTATION 1    /* VER_NT_WORKSTATION */
#define WDM_MAJOR 6
#define WDM_MINOR 0x00

static WCHAR no_service_pack[1];

/* TRUE: a checked build. CSDVersion, when given, is made to name the system's own service-pack string
 * (empty). */
BOOLEAN NTAPI PsGetVersion(PULONG MajorVersion, PULONG MinorVersion, PULONG BuildNumber, PUNICODE_STRING CSDVersion)
{
    if (MajorVersion)
        *MajorVersion = MAJOR;
    if (MinorVersion)
        *MinorVersion = MINOR;
    if (BuildNumber)
        *BuildNumber = BUILD;
    if (CSDVersion)
        *CSDVersion = (UNICODE_STRING){ 0, sizeof no_service_pack, no_service_pack };
    return TRUE;
}

/* The extended fields too when dwOSVersionInfoSize says the structure is an RTL_OSVERSIONINFOEXW. */
NTSTATUS NTAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation)
{
    PRTL_OSVERSIONINFOW v = lpVersionInformation;
    v->dwMajorVersion = MAJOR;
    v->dwMinorVersion = MINOR;
    v->dwBuildNumber = BUILD;
    v->dwPlatformId = PLATFORM_NT;
    v->szCSDVersion[0] = 0;
    if (v->dwOSVersionInfoSize == sizeof(RTL_OSVERSIONINFOEXW)) {
        PRTL_OSVERSIONINFOEXW ex = (PRTL_OSVERSIONINFOEXW)v;
        ex->wServicePackMajor = ex->wServicePackMinor = 0;
        ex->wSuiteMask = SUITE_SINGLE_USER;
        ex->wProductType = PRODUCT_WORKSTATION;
        ex->wReserved = 0;
    }
    return STATUS_SUCCESS;
}

BOOLEAN NTAPI IoIsWdmVersionAvailable(UCHAR MajorVersion, UCHAR MinorVersion)
{
    return MajorVersion < WDM_MAJOR || (MajorVersion == WDM_MAJOR && MinorVersion <= WDM_MINOR);
}
