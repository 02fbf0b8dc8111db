/* Debug output as drivers use it: DbgPrint and DbgPrintEx (cdecl), vDbgPrintEx, RtlAssert, DbgBreakPoint.
 * Output goes to the console at any IRQL (kprintf polls the UART), one call's text at most 512 bytes as
 * NT truncates it. Every component and level is shown: there is no debugger to set the filter masks. */
#include <stdbool.h>

#include "kernel/console.h"
#include "kernel/dbg_format.h"
#include "kernel/lib/kstring.h"

#define DBG_BUFFER 512

ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
    (void)ComponentId, (void)Level;
    char text[DBG_BUFFER];
    static bool line_open; /* the last call left its line unfinished: this one goes on with it */
    dbg_vformat(text, sizeof text, Format, arglist);
    console_print_lines(text, !line_open);
    line_open = text[0] && text[strlen(text) - 1] != '\n';
    return STATUS_SUCCESS;
}

ULONG DbgPrint(PCSTR Format, ...)
{
    va_list ap;
    va_start(ap, Format);
    ULONG status = vDbgPrintEx(0, 0, Format, ap);
    va_end(ap);
    return status;
}

ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
    va_list ap;
    va_start(ap, Format);
    ULONG status = vDbgPrintEx(ComponentId, Level, Format, ap);
    va_end(ap);
    return status;
}

/* A breakpoint: GDB (debugport=com2 or QEMU's stub) stops there; without one it is the bugcheck of an
 * unhandled STATUS_BREAKPOINT, as on Windows without a kernel debugger. */
VOID NTAPI DbgBreakPoint(VOID)
{
    __asm__ volatile("int3");
}

/* The checked build's ASSERT: the message, then a break. */
VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber, PSTR MutableMessage)
{
    DbgPrint("\n*** Assertion failed: %s%s\n***   Source File: %s, line %lu\n\n",
             MutableMessage ? MutableMessage : "", (const char *)VoidFailedAssertion, (const char *)VoidFileName,
             LineNumber);
    DbgBreakPoint();
}
