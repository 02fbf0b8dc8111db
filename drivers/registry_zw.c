/* The Zw routines for registry keys: kernel handles to the keys of drivers/registry.h, the object
 * attributes drivers pass (RootDirectory, ObjectName), and the information classes with NT's rules for a
 * short buffer: below the fixed part STATUS_BUFFER_TOO_SMALL and nothing written; else the fixed part and
 * as much of the rest as fits, STATUS_BUFFER_OVERFLOW; *ResultLength always the whole size. Every one at
 * PASSIVE_LEVEL: above it 0xC4 (0x2001F, the rule's text, 0, 0), the DDI compliance rule IrqlZwPassive
 * (Windows checks it under Driver Verifier; Pagoda always does, as for IrqlMmApcLte). Portable:
 * host-tested. */
#include <stddef.h>

#include "kernel/bugcheck.h"
#include "kernel/driver_code.h"
#include "kernel/lib/kstring.h"
#include "drivers/ob_handle.h"
#include "drivers/registry.h"

#define CALLER __builtin_return_address(0)

static void passive(const char *violation)
{
    ob_require_passive(OB_RULE_IRQL_ZW_PASSIVE, violation);
}

static void release_key(PVOID key)
{
    registry_release(key);
}

/* A key handle holds the reference the open took, and gives it back at its close. */
const struct ob_handle_type registry_key_handles = { .type = &(struct _OBJECT_TYPE){ "Key" },
                                                     .dereference = release_key };

struct reg_key *registry_handle_key(HANDLE handle)
{
    return ob_handle_object(handle, &registry_key_handles);
}

static NTSTATUS new_handle(struct reg_key *key, unsigned owner, PHANDLE out)
{
    if ((*out = ob_handle_create(key, &registry_key_handles, owner)))
        return STATUS_SUCCESS;
    registry_release(key);
    return STATUS_INSUFFICIENT_RESOURCES;
}

/* Opens or creates the key ObjectAttributes names. All handles are kernel handles (there is one process
 * and no user mode) and names are case-insensitive whatever OBJ_CASE_INSENSITIVE says, as the
 * configuration manager compares them. */
static NTSTATUS open_key(PHANDLE KeyHandle, POBJECT_ATTRIBUTES ObjectAttributes, bool create, ULONG options,
                         PULONG Disposition, unsigned owner)
{
    if (!KeyHandle)
        return STATUS_INVALID_PARAMETER;
    *KeyHandle = 0;
    POBJECT_ATTRIBUTES oa = ObjectAttributes;
    if (!oa || oa->Length != sizeof(OBJECT_ATTRIBUTES) || !oa->ObjectName)
        return STATUS_INVALID_PARAMETER;
    struct reg_key *from = 0, *key;
    if (oa->RootDirectory && !(from = registry_handle_key(oa->RootDirectory)))
        return STATUS_INVALID_HANDLE;
    NTSTATUS status = create ? registry_create(from, oa->ObjectName, options, false, &key, Disposition)
                             : registry_open(from, oa->ObjectName, &key);
    return NT_SUCCESS(status) ? new_handle(key, owner, KeyHandle) : status;
}

NTSTATUS NTAPI ZwOpenKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes)
{
    (void)DesiredAccess; /* no security: kernel mode may do anything */
    passive("IrqlZwPassive: ZwOpenKey above PASSIVE_LEVEL");
    return open_key(KeyHandle, ObjectAttributes, false, 0, 0, driver_code_owner(CALLER));
}

/* TitleIndex and Class are accepted and not kept (KeyNode/KeyFullInformation report no class). */
NTSTATUS NTAPI ZwCreateKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                           ULONG TitleIndex, PUNICODE_STRING Class, ULONG CreateOptions, PULONG Disposition)
{
    (void)DesiredAccess, (void)TitleIndex, (void)Class;
    passive("IrqlZwPassive: ZwCreateKey above PASSIVE_LEVEL");
    if (CreateOptions & ~(ULONG)(REG_OPTION_VOLATILE | REG_OPTION_BACKUP_RESTORE))
        return STATUS_INVALID_PARAMETER; /* symbolic links (CREATE_LINK, OPEN_LINK) are not kept */
    return open_key(KeyHandle, ObjectAttributes, true, CreateOptions, Disposition, driver_code_owner(CALLER));
}

/* The key of a handle for a routine: STATUS_INVALID_HANDLE, STATUS_KEY_DELETED. */
static NTSTATUS key_for(HANDLE handle, struct reg_key **key)
{
    *key = registry_handle_key(handle);
    return !*key ? STATUS_INVALID_HANDLE : (*key)->deleted ? STATUS_KEY_DELETED : STATUS_SUCCESS;
}

NTSTATUS NTAPI ZwDeleteKey(HANDLE KeyHandle)
{
    passive("IrqlZwPassive: ZwDeleteKey above PASSIVE_LEVEL");
    struct reg_key *key = registry_handle_key(KeyHandle);
    return key ? registry_delete_key(key) : STATUS_INVALID_HANDLE;
}

/* Nothing is written anywhere: there is nothing to flush. */
NTSTATUS NTAPI ZwFlushKey(HANDLE KeyHandle)
{
    passive("IrqlZwPassive: ZwFlushKey above PASSIVE_LEVEL");
    struct reg_key *key;
    return key_for(KeyHandle, &key);
}

/* A piece of an information structure: bytes at offset at. */
struct piece {
    ULONG at;
    const void *bytes;
    ULONG length;
};

/* Writes pieces into buffer as NT does for a short one; minimum is the fixed part, total the whole. */
static NTSTATUS fill(PVOID buffer, ULONG length, PULONG result, ULONG minimum, ULONG total,
                     const struct piece *pieces, unsigned count)
{
    if (result)
        *result = total;
    if (length < minimum)
        return STATUS_BUFFER_TOO_SMALL;
    for (unsigned i = 0; i < count; i++) {
        const struct piece *p = &pieces[i];
        if (p->at < length && p->length)
            memcpy((UCHAR *)buffer + p->at, p->bytes, p->length < length - p->at ? p->length : length - p->at);
    }
    return length < total ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

#define NO_CLASS 0xFFFFFFFFu /* ClassOffset when a key has no class */

static NTSTATUS key_information(struct reg_key *key, KEY_INFORMATION_CLASS kind, PVOID buffer, ULONG length,
                                PULONG result)
{
    ULONG name = key->name_length;
    switch (kind) {
    case KeyBasicInformation: {
        KEY_BASIC_INFORMATION h = { key->last_write, 0, name, { 0 } };
        ULONG at = offsetof(KEY_BASIC_INFORMATION, Name);
        struct piece p[] = { { 0, &h, at }, { at, key->name, name } };
        return fill(buffer, length, result, at, at + name, p, 2);
    }
    case KeyNodeInformation: {
        KEY_NODE_INFORMATION h = { key->last_write, 0, NO_CLASS, 0, name, { 0 } };
        ULONG at = offsetof(KEY_NODE_INFORMATION, Name);
        struct piece p[] = { { 0, &h, at }, { at, key->name, name } };
        return fill(buffer, length, result, at, at + name, p, 2);
    }
    case KeyFullInformation:
    case KeyCachedInformation: {
        ULONG max_name = 0, max_value_name = 0, max_data = 0;
        struct reg_key *k;
        struct reg_value *v;
        for (ULONG i = 0; (k = registry_subkey_at(key, i)); i++)
            max_name = k->name_length > max_name ? k->name_length : max_name;
        for (ULONG i = 0; (v = registry_value_at(key, i)); i++) {
            max_value_name = v->name_length > max_value_name ? v->name_length : max_value_name;
            max_data = v->data_length > max_data ? v->data_length : max_data;
        }
        if (kind == KeyCachedInformation) {
            KEY_CACHED_INFORMATION h = { key->last_write, 0,        key->subkey_count, max_name, key->value_count,
                                         max_value_name,  max_data, name };
            struct piece p[] = { { 0, &h, sizeof h } };
            return fill(buffer, length, result, sizeof h, sizeof h, p, 1);
        }
        KEY_FULL_INFORMATION h = { key->last_write,   0,        NO_CLASS, 0, key->subkey_count, max_name, 0,
                                   key->value_count, max_value_name, max_data, { 0 } };
        ULONG at = offsetof(KEY_FULL_INFORMATION, Class);
        struct piece p[] = { { 0, &h, at } };
        return fill(buffer, length, result, at, at, p, 1);
    }
    case KeyNameInformation: {
        WCHAR full[REGISTRY_PATH_MAX];
        ULONG bytes = registry_full_name(key, full, sizeof full);
        ULONG at = offsetof(KEY_NAME_INFORMATION, Name);
        struct piece p[] = { { 0, &bytes, at }, { at, full, bytes < sizeof full ? bytes : sizeof full } };
        return fill(buffer, length, result, at, at + bytes, p, 2);
    }
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

NTSTATUS NTAPI ZwQueryKey(HANDLE KeyHandle, KEY_INFORMATION_CLASS KeyInformationClass, PVOID KeyInformation,
                          ULONG Length, PULONG ResultLength)
{
    passive("IrqlZwPassive: ZwQueryKey above PASSIVE_LEVEL");
    struct reg_key *key;
    NTSTATUS status = key_for(KeyHandle, &key);
    return NT_SUCCESS(status) ? key_information(key, KeyInformationClass, KeyInformation, Length, ResultLength)
                              : status;
}

/* Subkeys in NT's order: by name, upcased. */
NTSTATUS NTAPI ZwEnumerateKey(HANDLE KeyHandle, ULONG Index, KEY_INFORMATION_CLASS KeyInformationClass,
                              PVOID KeyInformation, ULONG Length, PULONG ResultLength)
{
    passive("IrqlZwPassive: ZwEnumerateKey above PASSIVE_LEVEL");
    struct reg_key *key;
    NTSTATUS status = key_for(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    if (KeyInformationClass != KeyBasicInformation && KeyInformationClass != KeyNodeInformation &&
        KeyInformationClass != KeyFullInformation)
        return STATUS_INVALID_PARAMETER;
    struct reg_key *sub = registry_subkey_at(key, Index);
    return sub ? key_information(sub, KeyInformationClass, KeyInformation, Length, ResultLength)
               : STATUS_NO_MORE_ENTRIES;
}

NTSTATUS NTAPI ZwSetValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName, ULONG TitleIndex, ULONG Type, PVOID Data,
                             ULONG DataSize)
{
    (void)TitleIndex;
    passive("IrqlZwPassive: ZwSetValueKey above PASSIVE_LEVEL");
    struct reg_key *key;
    NTSTATUS status = key_for(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    if (DataSize && !Data)
        return STATUS_INVALID_PARAMETER;
    return registry_set_value(key, ValueName, Type, Data, DataSize);
}

static NTSTATUS value_information(const struct reg_value *v, KEY_VALUE_INFORMATION_CLASS kind, PVOID buffer,
                                  ULONG length, PULONG result)
{
    switch (kind) {
    case KeyValueBasicInformation: {
        KEY_VALUE_BASIC_INFORMATION h = { 0, v->type, v->name_length, { 0 } };
        ULONG at = offsetof(KEY_VALUE_BASIC_INFORMATION, Name);
        struct piece p[] = { { 0, &h, at }, { at, v->name, v->name_length } };
        return fill(buffer, length, result, at, at + v->name_length, p, 2);
    }
    case KeyValueFullInformation:
    case KeyValueFullInformationAlign64: {
        ULONG at = offsetof(KEY_VALUE_FULL_INFORMATION, Name), align = kind == KeyValueFullInformation ? 4 : 8;
        ULONG data_at = (at + v->name_length + align - 1) & ~(align - 1);
        KEY_VALUE_FULL_INFORMATION h = { 0, v->type, data_at, v->data_length, v->name_length, { 0 } };
        struct piece p[] = { { 0, &h, at }, { at, v->name, v->name_length }, { data_at, v->data, v->data_length } };
        return fill(buffer, length, result, at, data_at + v->data_length, p, 3);
    }
    case KeyValuePartialInformation: {
        KEY_VALUE_PARTIAL_INFORMATION h = { 0, v->type, v->data_length, { 0 } };
        ULONG at = offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data);
        struct piece p[] = { { 0, &h, at }, { at, v->data, v->data_length } };
        return fill(buffer, length, result, at, at + v->data_length, p, 2);
    }
    case KeyValuePartialInformationAlign64: { /* KEY_VALUE_PARTIAL_INFORMATION_ALIGN64: Type, DataLength, Data */
        ULONG h[2] = { v->type, v->data_length };
        struct piece p[] = { { 0, h, sizeof h }, { sizeof h, v->data, v->data_length } };
        return fill(buffer, length, result, sizeof h, sizeof h + v->data_length, p, 2);
    }
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

/* A value's information: by name (a missing one is STATUS_OBJECT_NAME_NOT_FOUND) or by index (past the
 * last, STATUS_NO_MORE_ENTRIES; values come in the order they were first set). */
static NTSTATUS value_answer(HANDLE handle, PCUNICODE_STRING name, ULONG index, bool by_name,
                             KEY_VALUE_INFORMATION_CLASS kind, PVOID buffer, ULONG length, PULONG result)
{
    struct reg_key *key;
    NTSTATUS status = key_for(handle, &key);
    if (!NT_SUCCESS(status))
        return status;
    const struct reg_value *v = by_name ? registry_find_value(key, name) : registry_value_at(key, index);
    if (!v)
        return by_name ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_NO_MORE_ENTRIES;
    return value_information(v, kind, buffer, length, result);
}

NTSTATUS NTAPI ZwQueryValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName,
                               KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass, PVOID KeyValueInformation,
                               ULONG Length, PULONG ResultLength)
{
    passive("IrqlZwPassive: ZwQueryValueKey above PASSIVE_LEVEL");
    return value_answer(KeyHandle, ValueName, 0, true, KeyValueInformationClass, KeyValueInformation, Length,
                        ResultLength);
}

NTSTATUS NTAPI ZwEnumerateValueKey(HANDLE KeyHandle, ULONG Index,
                                   KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass, PVOID KeyValueInformation,
                                   ULONG Length, PULONG ResultLength)
{
    passive("IrqlZwPassive: ZwEnumerateValueKey above PASSIVE_LEVEL");
    return value_answer(KeyHandle, 0, Index, false, KeyValueInformationClass, KeyValueInformation, Length,
                        ResultLength);
}

NTSTATUS NTAPI ZwDeleteValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName)
{
    passive("IrqlZwPassive: ZwDeleteValueKey above PASSIVE_LEVEL");
    struct reg_key *key;
    NTSTATUS status = key_for(KeyHandle, &key);
    return NT_SUCCESS(status) ? registry_delete_value(key, ValueName) : status;
}
