/* "sample": a well-behaved driver, written as for Windows. DriverEntry allocates its context from
 * nonpaged pool and a buffer from paged pool under its tag, and takes a few entries of a nonpaged
 * lookaside list of its own; DriverUnload gives all of it back. With pool tracking on it unloads
 * clean; under low-resources simulation it undoes what it did and fails, as a driver must. It reads its
 * one parameter as most drivers do, from its service key's Parameters subkey: Verbose (REG_DWORD, 0 when
 * the value or the key is missing; `reg add <RegistryPath>\Parameters Verbose REG_DWORD 1` sets it). */
#include <ntddk.h>

#define SAMPLE_TAG 'lpmS'         /* "Smpl" */
#define SAMPLE_REQUEST_TAG 'qRmS' /* "SmRq" */
#define SAMPLE_REQUESTS 4

typedef struct _SAMPLE_CONTEXT {
    NPAGED_LOOKASIDE_LIST Requests;
    PVOID Held[SAMPLE_REQUESTS];
    PVOID Buffer; /* paged */
} SAMPLE_CONTEXT, *PSAMPLE_CONTEXT;

static PSAMPLE_CONTEXT Context;
static ULONG LoadCount; /* 1 on every load: a reload maps a fresh image */

static ULONG Verbose;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SampleUnload;

/* Pageable, as `#pragma alloc_text(PAGE, SampleUnload)` makes it with the WDK (GCC ignores that
 * pragma): it runs at PASSIVE_LEVEL only. */
__attribute__((section("PAGE"))) VOID SampleUnload(PDRIVER_OBJECT DriverObject)
{
    PAGED_CODE();
    UNREFERENCED_PARAMETER(DriverObject);
    for (ULONG i = 0; i < SAMPLE_REQUESTS; i++)
        if (Context->Held[i])
            ExFreeToNPagedLookasideList(&Context->Requests, Context->Held[i]);
    ExDeleteNPagedLookasideList(&Context->Requests);
    if (Context->Buffer)
        ExFreePoolWithTag(Context->Buffer, SAMPLE_TAG);
    ExFreePoolWithTag(Context, SAMPLE_TAG);
    Context = NULL;
    DbgPrint("sample: unloaded\n");
}

/* RegistryPath\Parameters\Verbose into Verbose; missing, it stays 0. */
static VOID ReadParameters(PUNICODE_STRING RegistryPath)
{
    WCHAR buffer[160];
    UNICODE_STRING path = { 0, sizeof buffer - sizeof(WCHAR), buffer };
    ULONG none = 0;
    RTL_QUERY_REGISTRY_TABLE table[2] = { { 0 } };
    Verbose = 0;
    if (!NT_SUCCESS(RtlAppendUnicodeStringToString(&path, RegistryPath)) ||
        !NT_SUCCESS(RtlAppendUnicodeToString(&path, L"\\Parameters")))
        return;
    buffer[path.Length / sizeof(WCHAR)] = 0;
    table[0].Flags = RTL_QUERY_REGISTRY_DIRECT;
    table[0].Name = L"Verbose";
    table[0].EntryContext = &Verbose;
    table[0].DefaultType = REG_DWORD;
    table[0].DefaultData = &none;
    table[0].DefaultLength = sizeof none;
    RtlQueryRegistryValues(RTL_REGISTRY_ABSOLUTE, buffer, table, NULL, NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    LoadCount++;
    ReadParameters(RegistryPath);
    Context = ExAllocatePoolWithTag(NonPagedPool, sizeof(*Context), SAMPLE_TAG);
    if (!Context)
        return STATUS_INSUFFICIENT_RESOURCES;
    ExInitializeNPagedLookasideList(&Context->Requests, NULL, NULL, 0, 64, SAMPLE_REQUEST_TAG, 0);
    Context->Buffer = ExAllocatePoolWithTag(PagedPool, 1024, SAMPLE_TAG);
    BOOLEAN complete = Context->Buffer != NULL;
    for (ULONG i = 0; i < SAMPLE_REQUESTS; i++) {
        Context->Held[i] = ExAllocateFromNPagedLookasideList(&Context->Requests);
        complete &= Context->Held[i] != NULL;
    }
    if (!complete) {
        SampleUnload(DriverObject);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    DriverObject->DriverUnload = SampleUnload;
    DbgPrint("sample: loaded %wZ, load count %lu\n", &DriverObject->DriverName, LoadCount);
    if (Verbose)
        DbgPrint("sample: verbose %lu (from %wZ\\Parameters)\n", Verbose, RegistryPath);
    return STATUS_SUCCESS;
}
