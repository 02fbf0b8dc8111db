/* How many processors there are, as drivers ask: one, processor 0 of group 0 (its affinity bit 1). The
 * WDK's ntddk.h reads the current number from the PCR (kernel/pcr.c); these are the exported forms. */
#include "kernel/wdm.h"

#define THE_PROCESSOR 1u /* its affinity mask */

volatile CHAR KeNumberProcessors = 1;

KAFFINITY NTAPI KeQueryActiveProcessors(VOID)
{
    return THE_PROCESSOR;
}

ULONG NTAPI KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors)
{
    if (ActiveProcessors)
        *ActiveProcessors = THE_PROCESSOR;
    return 1;
}

ULONG NTAPI KeQueryMaximumProcessorCount(VOID)
{
    return 1;
}

/* Group 0 or all groups: the one processor; any other group has none. */
ULONG NTAPI KeQueryActiveProcessorCountEx(USHORT GroupNumber)
{
    return GroupNumber == 0 || GroupNumber == ALL_PROCESSOR_GROUPS;
}

ULONG NTAPI KeQueryMaximumProcessorCountEx(USHORT GroupNumber)
{
    return KeQueryActiveProcessorCountEx(GroupNumber);
}

USHORT NTAPI KeQueryActiveGroupCount(VOID)
{
    return 1;
}

USHORT NTAPI KeQueryMaximumGroupCount(VOID)
{
    return 1;
}

ULONG NTAPI KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber)
{
    if (ProcNumber)
        *ProcNumber = (PROCESSOR_NUMBER){ 0 };
    return 0;
}

/* Index 0 is processor 0 of group 0; there is no other. */
NTSTATUS NTAPI KeGetProcessorNumberFromIndex(ULONG ProcIndex, PPROCESSOR_NUMBER ProcNumber)
{
    if (ProcIndex != 0)
        return STATUS_INVALID_PARAMETER;
    *ProcNumber = (PROCESSOR_NUMBER){ 0 };
    return STATUS_SUCCESS;
}

ULONG NTAPI KeGetProcessorIndexFromNumber(PPROCESSOR_NUMBER ProcNumber)
{
    return ProcNumber->Group == 0 && ProcNumber->Number == 0 ? 0 : INVALID_PROCESSOR_INDEX;
}

/* Node 0 holds the processor; another node has none (Mask and Count 0). */
VOID NTAPI KeQueryNodeActiveAffinity(USHORT NodeNumber, PGROUP_AFFINITY Affinity, PUSHORT Count)
{
    if (Affinity)
        *Affinity = (GROUP_AFFINITY){ .Mask = NodeNumber == 0 ? THE_PROCESSOR : 0 };
    if (Count)
        *Count = NodeNumber == 0;
}
