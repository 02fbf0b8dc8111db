/* The error log: drivers report device errors in IO_ERROR_LOG_PACKETs, which Windows' event log
 * shows under the driver's name. Pagoda's event log is the console: IoWriteErrorLogEntry prints one
 * line with the driver's name and the packet's codes (and its dump data, a word at a time), then frees
 * the entry. */
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"

#define TAG_ERROR_LOG 'rEoI' /* "IoEr" */

/* x86 Windows' IO_ERROR_LOG_PACKET (DeviceOffset 4-aligned, as i386 aligns 64-bit members). */
struct error_log_packet {
    UCHAR MajorFunctionCode, RetryCount;
    USHORT DumpDataSize, NumberOfStrings, StringOffset, EventCategory;
    NTSTATUS ErrorCode;
    ULONG UniqueErrorValue;
    NTSTATUS FinalStatus;
    ULONG SequenceNumber, IoControlCode;
    LARGE_INTEGER DeviceOffset;
    ULONG DumpData[1];
};

/* Before the packet: whose it is. */
struct error_log_entry {
    PDRIVER_OBJECT driver;
    ULONG size;
    struct error_log_packet packet;
};

PVOID NTAPI IoAllocateErrorLogEntry(PVOID IoObject, UCHAR EntrySize)
{
    if (!IoObject || EntrySize > ERROR_LOG_MAXIMUM_SIZE || EntrySize < sizeof(struct error_log_packet) - sizeof(ULONG))
        return 0;
    struct error_log_entry *e =
        ExAllocatePoolWithTag(NonPagedPool, offsetof(struct error_log_entry, packet) + EntrySize, TAG_ERROR_LOG);
    if (!e)
        return 0;
    memset(e, 0, offsetof(struct error_log_entry, packet) + EntrySize);
    PDEVICE_OBJECT device = IoObject;
    e->driver = device->Type == IO_TYPE_DRIVER ? (PDRIVER_OBJECT)IoObject : device->DriverObject;
    e->size = EntrySize;
    return &e->packet;
}

static struct error_log_entry *entry_of(PVOID packet)
{
    return CONTAINING_RECORD(packet, struct error_log_entry, packet);
}

VOID NTAPI IoFreeErrorLogEntry(PVOID ElEntry)
{
    ExFreePoolWithTag(entry_of(ElEntry), TAG_ERROR_LOG);
}

VOID NTAPI IoWriteErrorLogEntry(PVOID ElEntry)
{
    struct error_log_entry *e = entry_of(ElEntry);
    struct error_log_packet *p = &e->packet;
    DbgPrint("eventlog: %wZ ErrorCode 0x%08lx UniqueErrorValue 0x%lx FinalStatus 0x%08lx MajorFunction 0x%02x",
             &e->driver->DriverName, (ULONG)p->ErrorCode, p->UniqueErrorValue, (ULONG)p->FinalStatus,
             p->MajorFunctionCode);
    ULONG room = (e->size - (ULONG)offsetof(struct error_log_packet, DumpData)) / sizeof(ULONG);
    for (ULONG i = 0; i < p->DumpDataSize / sizeof(ULONG) && i < room; i++)
        DbgPrint(i ? " %08lx" : " DumpData %08lx", p->DumpData[i]);
    DbgPrint("\n");
    IoFreeErrorLogEntry(ElEntry);
}
