/* The Rtl registry routines: a key named by a root and a path (RTL_REGISTRY_ABSOLUTE, SERVICES, CONTROL,
 * WINDOWS_NT, DEVICEMAP, USER, or a key handle with RTL_REGISTRY_HANDLE; RTL_REGISTRY_OPTIONAL changes
 * nothing), and RtlQueryRegistryValues' table. At PASSIVE_LEVEL: RtlDeleteRegistryValue above it is 0xC4
 * (0x2001E), the DDI compliance rule IrqlRtlPassive; the others, which on Windows open and read keys
 * through the Zw routines, stop with IrqlZwPassive's 0xC4 (0x2001F). Portable: host-tested. */
#include "kernel/bugcheck.h"
#include "kernel/lib/kstring.h"
#include "pool/pool.h"
#include "drivers/ob_handle.h"
#include "drivers/registry.h"

#define TAG_RTL_STRING 'grtS' /* "Strg": what RtlFreeUnicodeString frees, as the other Rtl strings */
#define CALLER __builtin_return_address(0)

static const char *const roots[RTL_REGISTRY_MAXIMUM] = {
    "",
    "\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services",
    "\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Control",
    "\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
    "\\REGISTRY\\MACHINE\\HARDWARE\\DEVICEMAP",
    "\\REGISTRY\\USER\\.DEFAULT", /* the System process's user */
};

/* The key RelativeTo and Path name, referenced (created, the last one only, when create asks). */
static NTSTATUS rtl_key(ULONG RelativeTo, PCWSTR Path, bool create, struct reg_key **key)
{
    ULONG relative = RelativeTo & ~(ULONG)RTL_REGISTRY_OPTIONAL;
    if (relative & RTL_REGISTRY_HANDLE) {
        *key = registry_handle_key((HANDLE)Path);
        if (!*key)
            return STATUS_INVALID_HANDLE;
        registry_reference(*key);
        return STATUS_SUCCESS;
    }
    if (relative >= RTL_REGISTRY_MAXIMUM)
        return STATUS_INVALID_PARAMETER;
    WCHAR buffer[REGISTRY_PATH_MAX];
    ULONG n = 0;
    for (const char *c = roots[relative]; *c; c++)
        buffer[n++] = (WCHAR)*c;
    if (relative != RTL_REGISTRY_ABSOLUTE && Path && Path[0] && Path[0] != '\\')
        buffer[n++] = '\\';
    for (PCWSTR c = Path; c && *c; c++) {
        if (n == REGISTRY_PATH_MAX)
            return STATUS_OBJECT_NAME_INVALID;
        buffer[n++] = *c;
    }
    UNICODE_STRING name = { (USHORT)(n * sizeof(WCHAR)), sizeof buffer, buffer };
    return create ? registry_create(0, &name, 0, false, key, 0) : registry_open(0, &name, key);
}

static UNICODE_STRING name_of(PCWSTR text)
{
    USHORT n = 0;
    while (text && text[n])
        n++;
    return (UNICODE_STRING){ (USHORT)(n * sizeof(WCHAR)), (USHORT)(n * sizeof(WCHAR)), (PWSTR)text };
}

/* Whether the key is there (create: made when it is missing, the last of the path only). */
static NTSTATUS touch_key(ULONG RelativeTo, PCWSTR Path, bool create)
{
    struct reg_key *key;
    NTSTATUS status = rtl_key(RelativeTo, Path, create, &key);
    if (NT_SUCCESS(status))
        registry_release(key);
    return status;
}

NTSTATUS NTAPI RtlCheckRegistryKey(ULONG RelativeTo, PWSTR Path)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: RtlCheckRegistryKey above PASSIVE_LEVEL");
    return touch_key(RelativeTo, Path, false);
}

NTSTATUS NTAPI RtlCreateRegistryKey(ULONG RelativeTo, PWSTR Path)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: RtlCreateRegistryKey above PASSIVE_LEVEL");
    return touch_key(RelativeTo, Path, true);
}

/* A value of the key RelativeTo and Path name, set (write: the key created when it is missing, the last
 * of the path only, as Windows does) or deleted. */
static NTSTATUS change_value(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName, bool write, ULONG type, PVOID data,
                             ULONG length)
{
    if (write && length && !data)
        return STATUS_INVALID_PARAMETER;
    struct reg_key *key;
    NTSTATUS status = rtl_key(RelativeTo, Path, write, &key);
    if (!NT_SUCCESS(status))
        return status;
    UNICODE_STRING name = name_of(ValueName);
    status = write ? registry_set_value(key, &name, type, data, length) : registry_delete_value(key, &name);
    registry_release(key);
    return status;
}

NTSTATUS NTAPI RtlWriteRegistryValue(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName, ULONG ValueType,
                                     PVOID ValueData, ULONG ValueLength)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: RtlWriteRegistryValue above PASSIVE_LEVEL");
    return change_value(RelativeTo, Path, ValueName, true, ValueType, ValueData, ValueLength);
}

NTSTATUS NTAPI RtlDeleteRegistryValue(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName)
{
    ob_require_passive(OB_RULE_IRQL_RTL_PASSIVE, "IrqlRtlPassive: RtlDeleteRegistryValue above PASSIVE_LEVEL");
    return change_value(RelativeTo, Path, ValueName, false, REG_NONE, NULL, 0);
}

/* RTL_QUERY_REGISTRY_DIRECT: the data into EntryContext, as the WDK documents it. A string (REG_SZ,
 * REG_EXPAND_SZ, one string of a REG_MULTI_SZ) into a UNICODE_STRING: a NULL Buffer gets one of paged
 * pool (charged to the caller, freed with RtlFreeUnicodeString), a buffer too small keeps the string
 * as it was (STATUS_BUFFER_TOO_SMALL, which the walk takes for success, as Windows' does). Data of up
 * to 4 bytes (a REG_DWORD) over the ULONG there. Longer data into a buffer that starts with a LONG: its
 * magnitude is the buffer's size; negative, the data alone, else (but for REG_BINARY) the length, the
 * type and then the data. */
static NTSTATUS direct(ULONG type, const void *data, ULONG length, PVOID out, const void *caller)
{
    if (type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ) {
        PUNICODE_STRING s = out;
        USHORT bytes = length > 0xFFFE ? 0xFFFE : (USHORT)length;
        if (!s->Buffer) {
            s->Buffer = pool_allocate_as(caller, PagedPool, bytes ? bytes : sizeof(WCHAR), TAG_RTL_STRING);
            if (!s->Buffer)
                return STATUS_NO_MEMORY;
            s->MaximumLength = bytes ? bytes : sizeof(WCHAR);
        } else if (bytes > s->MaximumLength) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        memcpy(s->Buffer, data, bytes);
        s->Length = bytes >= sizeof(WCHAR) ? (USHORT)(bytes - sizeof(WCHAR)) : 0;
        if (!bytes)
            s->Buffer[0] = 0;
        return STATUS_SUCCESS;
    }
    if (length <= sizeof(ULONG)) {
        memcpy(out, data, length);
        return STATUS_SUCCESS;
    }
    LONG size = *(LONG *)out;
    ULONG *header = out;
    if (size < 0 || type == REG_BINARY) {
        if ((ULONG)(size < 0 ? -size : size) < length)
            return STATUS_BUFFER_TOO_SMALL;
        memcpy(out, data, length);
        return STATUS_SUCCESS;
    }
    if ((ULONG)size < 2 * sizeof(ULONG) + length)
        return STATUS_BUFFER_TOO_SMALL;
    header[0] = length;
    header[1] = type;
    memcpy(header + 2, data, length);
    return STATUS_SUCCESS;
}

/* What one table entry is given: its routine called, or the data stored (direct). */
static NTSTATUS give(const RTL_QUERY_REGISTRY_TABLE *e, PWSTR name, ULONG type, const void *data, ULONG length,
                     PVOID context, PVOID *entry_context, const void *caller)
{
    NTSTATUS status;
    if (e->Flags & RTL_QUERY_REGISTRY_DIRECT) {
        status = direct(type, data, length, *entry_context, caller);
        if (type == REG_SZ) /* the next string of a REG_MULTI_SZ goes to the next UNICODE_STRING */
            *entry_context = (UNICODE_STRING *)*entry_context + 1;
    } else {
        status = e->QueryRoutine(name, type, (PVOID)data, length, context, e->EntryContext);
    }
    return status == STATUS_BUFFER_TOO_SMALL ? STATUS_SUCCESS : status;
}

static ULONG default_length(ULONG type, const WCHAR *data)
{
    ULONG n = 0;
    if (type == REG_SZ || type == REG_EXPAND_SZ) {
        while (data[n++])
            ;
    } else if (type == REG_MULTI_SZ) { /* each string and its terminator, then the empty one */
        do {
            while (data[n++])
                ;
        } while (data[n]);
        n++;
    }
    return n * sizeof(WCHAR);
}

/* One value (NULL: missing) for one entry: the default when the value is missing, REG_NONE or empty of
 * the default's type; a REG_MULTI_SZ string by string and a REG_EXPAND_SZ with a '%' as REG_SZ (the
 * System process has no environment: the text stays as it is) unless NOEXPAND. */
static NTSTATUS deliver(const RTL_QUERY_REGISTRY_TABLE *e, const struct reg_value *v, PVOID context,
                        const void *caller)
{
    ULONG default_type = e->DefaultType, expected = REG_NONE;
    if (e->Flags & RTL_QUERY_REGISTRY_TYPECHECK) {
        expected = default_type >> RTL_QUERY_REGISTRY_TYPECHECK_SHIFT;
        default_type &= (1u << RTL_QUERY_REGISTRY_TYPECHECK_SHIFT) - 1;
    }
    PWSTR name;
    ULONG type, length;
    const void *data;
    if (!v || v->type == REG_NONE || (v->data_length == 0 && v->type == default_type)) {
        if (default_type == REG_NONE)
            return e->Flags & RTL_QUERY_REGISTRY_REQUIRED ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_SUCCESS;
        name = e->Name;
        type = default_type;
        data = e->DefaultData;
        length = e->DefaultLength ? e->DefaultLength : default_length(type, e->DefaultData);
    } else {
        if (expected != REG_NONE && v->type != expected)
            return STATUS_OBJECT_TYPE_MISMATCH;
        name = v->name;
        type = v->type;
        data = v->data;
        length = v->data_length;
    }
    PVOID entry_context = e->EntryContext;
    if (!(e->Flags & RTL_QUERY_REGISTRY_NOEXPAND) && type == REG_MULTI_SZ) {
        const WCHAR *s = data, *end = (const WCHAR *)((const UCHAR *)data + length);
        NTSTATUS status = STATUS_SUCCESS;
        while (s < end && *s && NT_SUCCESS(status)) {
            const WCHAR *t = s;
            while (t < end && *t)
                t++;
            ULONG bytes = (ULONG)((const UCHAR *)(t < end ? t + 1 : t) - (const UCHAR *)s);
            status = give(e, name, REG_SZ, s, bytes, context, &entry_context, caller);
            s = t + 1;
        }
        return status;
    }
    if (!(e->Flags & RTL_QUERY_REGISTRY_NOEXPAND) && type == REG_EXPAND_SZ)
        for (ULONG i = 0; i < length / sizeof(WCHAR); i++)
            if (((const WCHAR *)data)[i] == '%')
                type = REG_SZ;
    return give(e, name, type, data, length, context, &entry_context, caller);
}

static NTSTATUS every_value(const RTL_QUERY_REGISTRY_TABLE *e, struct reg_key *key, PVOID context,
                            const void *caller)
{
    if (key->value_count == 0 && (e->Flags & RTL_QUERY_REGISTRY_REQUIRED))
        return STATUS_OBJECT_NAME_NOT_FOUND;
    NTSTATUS status = STATUS_SUCCESS;
    const struct reg_value *v;
    for (ULONG i = 0; NT_SUCCESS(status) && (v = registry_value_at(key, i)); i++)
        status = deliver(e, v, context, caller);
    return status;
}

/* One entry of the table, on key current (top: the key the call names). */
static NTSTATUS query_entry(const RTL_QUERY_REGISTRY_TABLE *e, struct reg_key *top, struct reg_key **current,
                            PVOID context, const void *caller)
{
    if ((e->Flags & RTL_QUERY_REGISTRY_DIRECT) && (!e->Name || (e->Flags & RTL_QUERY_REGISTRY_SUBKEY) ||
                                                   e->QueryRoutine))
        return STATUS_INVALID_PARAMETER;
    if ((e->Flags & (RTL_QUERY_REGISTRY_TOPKEY | RTL_QUERY_REGISTRY_SUBKEY)) && *current != top) {
        registry_release(*current);
        *current = top;
    }
    if (e->Flags & RTL_QUERY_REGISTRY_SUBKEY) {
        if (!e->Name)
            return STATUS_INVALID_PARAMETER;
        UNICODE_STRING name = name_of(e->Name);
        NTSTATUS status = registry_open(top, &name, current);
        if (!NT_SUCCESS(status)) {
            *current = top;
            return status;
        }
        return e->QueryRoutine ? every_value(e, *current, context, caller) : STATUS_SUCCESS;
    }
    if (e->Name) {
        UNICODE_STRING name = name_of(e->Name);
        const struct reg_value *v = registry_find_value(*current, &name);
        NTSTATUS status = deliver(e, v, context, caller);
        if (NT_SUCCESS(status) && v && (e->Flags & RTL_QUERY_REGISTRY_DELETE))
            registry_delete_value(*current, &name);
        return status;
    }
    if (e->Flags & RTL_QUERY_REGISTRY_NOVALUE)
        return e->QueryRoutine(NULL, REG_NONE, NULL, 0, context, e->EntryContext);
    return every_value(e, *current, context, caller);
}

/* The table ends at an entry with neither a QueryRoutine nor a Name. QueryRoutine is called directly
 * (stdcall), not through kernel/callout.h: its own pool calls are charged to the driver all the same,
 * unless it ends in a jump to one. */
NTSTATUS NTAPI RtlQueryRegistryValues(ULONG RelativeTo, PCWSTR Path, PRTL_QUERY_REGISTRY_TABLE QueryTable,
                                      PVOID Context, PVOID Environment)
{
    (void)Environment;
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, "IrqlZwPassive: RtlQueryRegistryValues above PASSIVE_LEVEL");
    struct reg_key *top, *current;
    NTSTATUS status = rtl_key(RelativeTo, Path, false, &top);
    if (!NT_SUCCESS(status))
        return status;
    current = top;
    for (const RTL_QUERY_REGISTRY_TABLE *e = QueryTable; e->QueryRoutine || e->Name; e++) {
        status = query_entry(e, top, &current, Context, CALLER);
        if (!NT_SUCCESS(status))
            break;
    }
    if (current != top)
        registry_release(current);
    registry_release(top);
    return status;
}
