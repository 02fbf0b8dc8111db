/* KeBugCheckEx for the host library: the STOP line as the kernel prints it, then abort(), so a test
 * can run the offending call in a child process and read the code and parameters. A program that
 * wants another ending (the fuzzer) defines KeBugCheckEx itself and this file is not linked. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/wdm.h"

VOID NTAPI KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1, ULONG_PTR BugCheckParameter2,
                  ULONG_PTR BugCheckParameter3, ULONG_PTR BugCheckParameter4)
{
    printf("\n*** STOP: 0x%08lX (0x%08lX,0x%08lX,0x%08lX,0x%08lX)\n", BugCheckCode, (unsigned long)BugCheckParameter1,
           (unsigned long)BugCheckParameter2, (unsigned long)BugCheckParameter3, (unsigned long)BugCheckParameter4);
    fflush(stdout);
    abort();
}

VOID NTAPI KeBugCheck(ULONG BugCheckCode)
{
    KeBugCheckEx(BugCheckCode, 0, 0, 0, 0);
}
