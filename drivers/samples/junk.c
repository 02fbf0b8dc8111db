/* "junk": Oney's memory chapter as a driver. Tagged paged and nonpaged pool (POOL_TAGGING, so the
 * untagged ExAllocatePool is a tagged call too), a nonpaged lookaside list for fixed-size items, a
 * LIST_ENTRY list of them under a spinlock, and a Unicode name in paged pool. DriverUnload empties
 * the list under the lock and gives everything back. */
#define POOL_TAGGING 1
#include <ntddk.h>

#define JUNK_TAG 'knuJ'      /* "Junk": the paged table */
#define JUNK_ITEM_TAG 'tIkJ' /* "JkIt": the lookaside list's items */
#define JUNK_NAME_TAG 'mNkJ' /* "JkNm": the name's buffer */
#define JUNK_ITEMS 8

typedef struct _JUNK_ITEM {
    LIST_ENTRY Link;
    ULONG Number;
    UCHAR Payload[52];
} JUNK_ITEM, *PJUNK_ITEM;

static LIST_ENTRY Items;
static KSPIN_LOCK ItemsLock;
static NPAGED_LOOKASIDE_LIST ItemLookaside;
static PULONG Table; /* paged */
static UNICODE_STRING Name;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD JunkUnload;

VOID JunkUnload(PDRIVER_OBJECT DriverObject)
{
    KIRQL irql;
    ULONG freed = 0;
    UNREFERENCED_PARAMETER(DriverObject);
    KeAcquireSpinLock(&ItemsLock, &irql);
    while (!IsListEmpty(&Items)) {
        PJUNK_ITEM item = CONTAINING_RECORD(RemoveHeadList(&Items), JUNK_ITEM, Link);
        ExFreeToNPagedLookasideList(&ItemLookaside, item);
        freed++;
    }
    KeReleaseSpinLock(&ItemsLock, irql);
    ExDeleteNPagedLookasideList(&ItemLookaside);
    ExFreePoolWithTag(Table, JUNK_TAG);
    DbgPrint("junk: %wZ unloaded, %lu items freed\n", &Name, freed);
    ExFreePoolWithTag(Name.Buffer, JUNK_NAME_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING source;
    KIRQL irql;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&source, L"\\Device\\Junk");
    Name.Buffer = ExAllocatePoolWithTag(PagedPool, source.MaximumLength, JUNK_NAME_TAG);
    Table = ExAllocatePoolWithTag(PagedPool, 64 * sizeof(ULONG), JUNK_TAG);
    if (!Name.Buffer || !Table) {
        if (Name.Buffer)
            ExFreePoolWithTag(Name.Buffer, JUNK_NAME_TAG);
        if (Table)
            ExFreePoolWithTag(Table, JUNK_TAG);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    Name.Length = 0;
    Name.MaximumLength = source.MaximumLength;
    RtlCopyUnicodeString(&Name, &source);
    for (ULONG i = 0; i < 64; i++)
        Table[i] = i * i;
    InitializeListHead(&Items);
    KeInitializeSpinLock(&ItemsLock);
    ExInitializeNPagedLookasideList(&ItemLookaside, NULL, NULL, 0, sizeof(JUNK_ITEM), JUNK_ITEM_TAG, 0);
    ULONG made = 0;
    for (ULONG i = 0; i < JUNK_ITEMS; i++) {
        PJUNK_ITEM item = ExAllocateFromNPagedLookasideList(&ItemLookaside);
        if (!item)
            break;
        item->Number = i;
        RtlFillMemory(item->Payload, sizeof(item->Payload), (UCHAR)i);
        KeAcquireSpinLock(&ItemsLock, &irql);
        InsertTailList(&Items, &item->Link);
        KeReleaseSpinLock(&ItemsLock, irql);
        made++;
    }
    DriverObject->DriverUnload = JunkUnload;
    DbgPrint("junk: %wZ loaded, %lu items, table[7]=%lu\n", &Name, made, Table[7]);
    return STATUS_SUCCESS;
}
