/* "bugcb": bugcheck callbacks, registered in DriverEntry and removed in DriverUnload. At a STOP the
 * newest runs first: "late" prints its buffer, its record's state, the IRQL and the interrupt flag; then
 * "faulty" touches address 0 (its STOP is passed over); then "early" prints the states the others were
 * left in. A KbCallbackSecondaryDumpData callback gives 5 bytes, which the STOP prints; a KbCallbackDumpIo
 * one must never run (there is no dump). Built again with -DLEAVE_CALLBACK as "bugcbleft", whose
 * DriverUnload forgets "early": unloading it is bugcheck 0xCE. */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD BugcbUnload;

static KBUGCHECK_CALLBACK_RECORD g_Early, g_Faulty, g_Late;
static KBUGCHECK_REASON_CALLBACK_RECORD g_Secondary, g_DumpIo;
static CHAR g_LateBuffer[] = "late buffer";

static ULONG InterruptFlag(VOID)
{
    ULONG flags;
    __asm__ volatile("pushf; pop %0" : "=r"(flags));
    return (flags >> 9) & 1;
}

static VOID NTAPI Early(PVOID Buffer, ULONG Length)
{
    UNREFERENCED_PARAMETER(Buffer);
    DbgPrint("bugcb: early length %lu, late state %u, faulty state %u, early state %u\n", Length, g_Late.State,
             g_Faulty.State, g_Early.State);
}

static VOID NTAPI Faulty(PVOID Buffer, ULONG Length)
{
    UNREFERENCED_PARAMETER(Buffer);
    UNREFERENCED_PARAMETER(Length);
    *(volatile ULONG *)0 = 1;
    DbgPrint("bugcb: faulty went on\n");
}

static VOID NTAPI Late(PVOID Buffer, ULONG Length)
{
    DbgPrint("bugcb: late '%s' length %lu state %u irql %u if %lu\n", (PCHAR)Buffer, Length, g_Late.State,
             KeGetCurrentIrql(), InterruptFlag());
}

static VOID NTAPI Secondary(KBUGCHECK_CALLBACK_REASON Reason, PKBUGCHECK_REASON_CALLBACK_RECORD Record, PVOID Data,
                            ULONG DataLength)
{
    PKBUGCHECK_SECONDARY_DUMP_DATA d = Data;
    DbgPrint("bugcb: secondary reason %d state %u length %lu max %lu\n", Reason, Record->State, DataLength,
             d->MaximumAllowed);
    RtlCopyMemory(d->InBuffer, "bugcb", 5);
    d->OutBuffer = d->InBuffer;
    d->OutBufferLength = 5;
    d->Guid.Data1 = 0x12345678;
    d->Guid.Data2 = 0x9abc;
    d->Guid.Data3 = 0xdef0;
    for (int i = 0; i < 8; i++)
        d->Guid.Data4[i] = (UCHAR)(i + 1);
}

static VOID NTAPI DumpIo(KBUGCHECK_CALLBACK_REASON Reason, PKBUGCHECK_REASON_CALLBACK_RECORD Record, PVOID Data,
                         ULONG DataLength)
{
    UNREFERENCED_PARAMETER(Record);
    UNREFERENCED_PARAMETER(Data);
    UNREFERENCED_PARAMETER(DataLength);
    DbgPrint("bugcb: dump io called with reason %d\n", Reason);
}

VOID BugcbUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
#ifndef LEAVE_CALLBACK
    KeDeregisterBugCheckCallback(&g_Early);
#endif
    KeDeregisterBugCheckCallback(&g_Faulty);
    KeDeregisterBugCheckCallback(&g_Late);
    KeDeregisterBugCheckReasonCallback(&g_Secondary);
    KeDeregisterBugCheckReasonCallback(&g_DumpIo);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeCallbackRecord((&g_Early));
    KeInitializeCallbackRecord((&g_Faulty));
    KeInitializeCallbackRecord((&g_Late));
    KeInitializeCallbackRecord((&g_Secondary));
    KeInitializeCallbackRecord((&g_DumpIo));
    if (!KeRegisterBugCheckCallback(&g_Early, Early, NULL, 7, (PUCHAR) "bugcb early") ||
        !KeRegisterBugCheckCallback(&g_Faulty, Faulty, NULL, 0, (PUCHAR) "bugcb faulty") ||
        !KeRegisterBugCheckCallback(&g_Late, Late, g_LateBuffer, sizeof g_LateBuffer, (PUCHAR) "bugcb late") ||
        !KeRegisterBugCheckReasonCallback(&g_Secondary, Secondary, KbCallbackSecondaryDumpData,
                                          (PUCHAR) "bugcb secondary") ||
        !KeRegisterBugCheckReasonCallback(&g_DumpIo, DumpIo, KbCallbackDumpIo, (PUCHAR) "bugcb dumpio")) {
        BugcbUnload(DriverObject);
        return STATUS_UNSUCCESSFUL;
    }
    DbgPrint("bugcb: routines %p %p\n", Early, Faulty);
    DriverObject->DriverUnload = BugcbUnload;
    return STATUS_SUCCESS;
}
