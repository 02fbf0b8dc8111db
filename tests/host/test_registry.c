/* The registry's tree (drivers/registry.c) and the Zw and Rtl routines over it (registry_zw.c,
 * registry_rtl.c) on the host pool: paths, case, order, values, deletion, the buffer-size statuses. */
#include <stddef.h>
#include <string.h>

#include "drivers/registry.h"
#include "tests/host/unit.h"

static UNICODE_STRING text(WCHAR *buffer, const char *s)
{
    USHORT n = 0;
    while ((buffer[n] = (WCHAR)s[n]))
        n++;
    return (UNICODE_STRING){ (USHORT)(n * sizeof(WCHAR)), (USHORT)((n + 1) * sizeof(WCHAR)), buffer };
}

static void ensure_tree(void)
{
    if (!registry_root())
        registry_init(NULL);
}

static NTSTATUS open_path(const char *path, struct reg_key **key)
{
    WCHAR b[256];
    UNICODE_STRING u = text(b, path);
    return registry_open(0, &u, key);
}

TEST(registry_starts_with_services_and_the_version_and_opens_paths_case_insensitively)
{
    ensure_tree();
    struct reg_key *k;
    CHECK(open_path("\\Registry\\Machine\\System\\CurrentControlSet\\Services", &k) == STATUS_SUCCESS);
    registry_release(k);
    CHECK(open_path("\\REGISTRY\\machine\\software\\microsoft\\windows nt\\currentversion", &k) == STATUS_SUCCESS);
    WCHAR b[64];
    UNICODE_STRING n = text(b, "currentbuild");
    struct reg_value *v = registry_find_value(k, &n);
    CHECK(v && v->type == REG_SZ && v->data_length == 6 * sizeof(WCHAR) && ((WCHAR *)v->data)[0] == '1');
    n = text(b, "CurrentMajorVersionNumber");
    v = registry_find_value(k, &n);
    CHECK(v && v->type == REG_DWORD && *(ULONG *)v->data == 10);
    registry_release(k);
    CHECK(open_path("\\Registry\\Machine\\Nothing", &k) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(open_path("\\Device\\Foo", &k) == STATUS_OBJECT_PATH_NOT_FOUND);
    CHECK(open_path("Registry\\Machine", &k) == STATUS_OBJECT_PATH_SYNTAX_BAD);
    CHECK(open_path("\\Registry\\\\Machine", &k) == STATUS_OBJECT_NAME_INVALID);
    CHECK(open_path("\\Registry\\Machine\\", &k) == STATUS_OBJECT_NAME_INVALID);
}

TEST(registry_creates_keys_in_order_deletes_leaves_only_and_frees_with_the_last_reference)
{
    ensure_tree();
    ULONG before = registry_blocks(), disposition;
    WCHAR b[128];
    struct reg_key *top, *c, *a, *again;
    UNICODE_STRING u = text(b, "\\Registry\\Machine\\HostTest");
    CHECK(registry_create(0, &u, 0, false, &top, &disposition) == STATUS_SUCCESS && disposition == REG_CREATED_NEW_KEY);
    u = text(b, "c");
    CHECK(registry_create(top, &u, 0, false, &c, 0) == STATUS_SUCCESS);
    u = text(b, "A");
    CHECK(registry_create(top, &u, 0, false, &a, 0) == STATUS_SUCCESS);
    u = text(b, "b\\deep");
    CHECK(registry_create(top, &u, 0, false, &again, 0) == STATUS_OBJECT_NAME_NOT_FOUND);
    u = text(b, "a");
    CHECK(registry_create(top, &u, 0, false, &again, &disposition) == STATUS_SUCCESS && again == a &&
          disposition == REG_OPENED_EXISTING_KEY);
    registry_release(again);
    CHECK(registry_subkey_at(top, 0) == a && registry_subkey_at(top, 1) == c && !registry_subkey_at(top, 2));
    WCHAR full[64];
    ULONG bytes = registry_full_name(a, full, sizeof full);
    CHECK(bytes == 28 * sizeof(WCHAR) && full[0] == '\\' && full[27] == 'A');
    /* volatile parents take volatile children only */
    struct reg_key *vol, *child;
    u = text(b, "Vol");
    CHECK(registry_create(top, &u, REG_OPTION_VOLATILE, false, &vol, 0) == STATUS_SUCCESS);
    u = text(b, "Child");
    CHECK(registry_create(vol, &u, 0, false, &child, 0) == STATUS_CHILD_MUST_BE_VOLATILE);
    CHECK(registry_delete_key(vol) == STATUS_SUCCESS);
    registry_release(vol);

    CHECK(registry_delete_key(top) == STATUS_CANNOT_DELETE);
    CHECK(registry_delete_key(registry_root()) == STATUS_CANNOT_DELETE);
    u = text(b, "v");
    ULONG one = 1;
    CHECK(registry_set_value(a, &u, REG_DWORD, &one, 4) == STATUS_SUCCESS);
    CHECK(registry_delete_key(a) == STATUS_SUCCESS && a->deleted && top->subkey_count == 1);
    CHECK(registry_delete_key(a) == STATUS_KEY_DELETED);
    CHECK(registry_set_value(a, &u, REG_DWORD, &one, 4) == STATUS_KEY_DELETED);
    u = text(b, "x");
    CHECK(registry_open(a, &u, &again) == STATUS_KEY_DELETED);
    registry_release(a); /* the last reference: its memory and its value go */
    CHECK(registry_delete_key(c) == STATUS_SUCCESS);
    registry_release(c);
    CHECK(registry_delete_key(top) == STATUS_SUCCESS);
    registry_release(top);
    CHECK(registry_blocks() == before);
}

TEST(registry_values_replace_in_place_keep_their_first_name_and_delete)
{
    ensure_tree();
    ULONG before = registry_blocks();
    WCHAR b[64], n[16];
    struct reg_key *k;
    UNICODE_STRING u = text(b, "\\Registry\\Machine\\HostValues");
    CHECK(registry_create(0, &u, 0, false, &k, 0) == STATUS_SUCCESS);
    ULONG d = 5;
    UNICODE_STRING first = text(n, "First");
    CHECK(registry_set_value(k, &first, REG_DWORD, &d, 4) == STATUS_SUCCESS);
    u = text(b, "Second");
    CHECK(registry_set_value(k, &u, REG_BINARY, "abc", 3) == STATUS_SUCCESS);
    u = text(b, "FIRST");
    CHECK(registry_set_value(k, &u, REG_SZ, L"", 0) == STATUS_SUCCESS);
    struct reg_value *v = registry_value_at(k, 0);
    CHECK(v && v->type == REG_SZ && v->name[1] == 'i' && k->value_count == 2);
    CHECK(registry_value_at(k, 1)->data_length == 3 && !registry_value_at(k, 2));
    CHECK(registry_set_value(k, NULL, REG_NONE, NULL, 0) == STATUS_SUCCESS && registry_find_value(k, NULL));
    CHECK(registry_delete_value(k, &u) == STATUS_SUCCESS && registry_delete_value(k, &u) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(registry_delete_key(k) == STATUS_SUCCESS);
    registry_release(k);
    CHECK(registry_blocks() == before);
}

static HANDLE open_handle(const char *path)
{
    WCHAR b[128];
    UNICODE_STRING u = text(b, path);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    HANDLE h = 0;
    ULONG disposition;
    return ZwCreateKey(&h, 0, &oa, 0, NULL, 0, &disposition) == STATUS_SUCCESS ? h : 0;
}

TEST(registry_zw_query_statuses_too_small_below_the_fixed_part_overflow_inside)
{
    ensure_tree();
    ULONG before = registry_blocks();
    HANDLE h = open_handle("\\Registry\\Machine\\HostZw");
    CHECK(h != 0 && ((uintptr_t)h & 0x80000000u));
    WCHAR b[16];
    UNICODE_STRING name = text(b, "Name");
    static const WCHAR data[] = { 'a', 'b', 'c', 0 };
    CHECK(ZwSetValueKey(h, &name, 0, REG_SZ, (PVOID)data, sizeof data) == STATUS_SUCCESS);
    UCHAR buf[128];
    ULONG result = 0, part = offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data), head = offsetof(KEY_VALUE_FULL_INFORMATION, Name);
    memset(buf, 0xEE, sizeof buf); /* (host ULONGs are 8 bytes: offsets by offsetof) */
    CHECK(ZwQueryValueKey(h, &name, KeyValuePartialInformation, buf, part - 1, &result) == STATUS_BUFFER_TOO_SMALL &&
          result == part + sizeof data && buf[0] == 0xEE);
    CHECK(ZwQueryValueKey(h, &name, KeyValuePartialInformation, buf, part + 2, &result) == STATUS_BUFFER_OVERFLOW &&
          result == part + sizeof data && buf[part] == 'a' && buf[part + 2] == 0xEE);
    KEY_VALUE_FULL_INFORMATION *full = (KEY_VALUE_FULL_INFORMATION *)buf;
    CHECK(ZwQueryValueKey(h, &name, KeyValueFullInformation, buf, sizeof buf, &result) == STATUS_SUCCESS &&
          full->NameLength == 8 && full->DataOffset == ((head + 8 + 3) & ~3u) &&
          result == full->DataOffset + sizeof data && buf[full->DataOffset] == 'a');
    CHECK(ZwQueryValueKey(h, &name, KeyValueFullInformation, buf, head + 2, &result) == STATUS_BUFFER_OVERFLOW &&
          result == full->DataOffset + sizeof data && full->Name[0] == 'N');
    CHECK(ZwQueryValueKey(h, &name, (KEY_VALUE_INFORMATION_CLASS)9, buf, sizeof buf, &result) ==
          STATUS_INVALID_PARAMETER);
    CHECK(ZwEnumerateValueKey(h, 1, KeyValueBasicInformation, buf, sizeof buf, &result) == STATUS_NO_MORE_ENTRIES);
    KEY_NAME_INFORMATION *kn = (KEY_NAME_INFORMATION *)buf;
    CHECK(ZwQueryKey(h, KeyNameInformation, buf, sizeof buf, &result) == STATUS_SUCCESS &&
          kn->NameLength == 24 * sizeof(WCHAR) && kn->Name[1] == 'R' && kn->Name[23] == 'w');
    CHECK(ZwQueryKey(h, KeyCachedInformation, buf, 8, &result) == STATUS_BUFFER_TOO_SMALL &&
          result == sizeof(KEY_CACHED_INFORMATION));
    CHECK(ZwFlushKey((HANDLE)0x80000ffc) == STATUS_INVALID_HANDLE);
    CHECK(ZwDeleteKey(h) == STATUS_SUCCESS && ZwClose(h) == STATUS_SUCCESS);
    CHECK(registry_blocks() == before);
}

static ULONG calls;

static NTSTATUS NTAPI count(PWSTR name, ULONG type, PVOID data, ULONG length, PVOID context, PVOID entry)
{
    (void)name, (void)data, (void)length, (void)entry;
    calls++;
    *(ULONG *)context = type;
    return STATUS_SUCCESS;
}

TEST(registry_rtl_query_direct_defaults_required_subkey_and_multi_strings)
{
    ensure_tree();
    ULONG before = registry_blocks();
    WCHAR path[] = { 'H', 'o', 's', 't', 'R', 't', 'l', 0 }, sub[] = { 'P', 0 }, v[] = { 'V', 0 }, m[] = { 'M', 0 },
          missing[] = { 'Z', 0 };
    CHECK(RtlCheckRegistryKey(RTL_REGISTRY_SERVICES, path) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(RtlCreateRegistryKey(RTL_REGISTRY_SERVICES, path) == STATUS_SUCCESS);
    WCHAR path_p[] = { 'H', 'o', 's', 't', 'R', 't', 'l', '\\', 'P', 0 };
    ULONG nine = 9;
    CHECK(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, path_p, v, REG_DWORD, &nine, 4) == STATUS_SUCCESS);
    static const WCHAR multi[] = { 'x', 0, 'y', 'z', 0, 0 };
    CHECK(RtlWriteRegistryValue(RTL_REGISTRY_SERVICES, path_p, m, REG_MULTI_SZ, (PVOID)multi, sizeof multi) ==
          STATUS_SUCCESS);
    ULONG got = 0, dflt = 3, other = 0, type = 0;
    UNICODE_STRING strings[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
    RTL_QUERY_REGISTRY_TABLE t[5];
    memset(t, 0, sizeof t);
    t[0] = (RTL_QUERY_REGISTRY_TABLE){ NULL, RTL_QUERY_REGISTRY_SUBKEY, sub, NULL, 0, NULL, 0 };
    t[1] = (RTL_QUERY_REGISTRY_TABLE){ NULL, RTL_QUERY_REGISTRY_DIRECT, v, &got, 0, NULL, 0 };
    t[2] = (RTL_QUERY_REGISTRY_TABLE){ NULL, RTL_QUERY_REGISTRY_DIRECT, missing, &other, REG_DWORD, &dflt, 4 };
    t[3] = (RTL_QUERY_REGISTRY_TABLE){ NULL, RTL_QUERY_REGISTRY_DIRECT, m, strings, 0, NULL, 0 };
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, path, t, NULL, NULL) == STATUS_SUCCESS);
    CHECK(got == 9 && other == 3 && strings[0].Length == 2 && strings[1].Length == 4 && strings[1].Buffer[1] == 'z');
    ExFreePool(strings[0].Buffer);
    ExFreePool(strings[1].Buffer);
    t[2].Flags |= RTL_QUERY_REGISTRY_REQUIRED;
    t[2].DefaultType = REG_NONE;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, path, t, NULL, NULL) == STATUS_OBJECT_NAME_NOT_FOUND);
    t[0].QueryRoutine = count; /* a SUBKEY entry with a routine: every value of the subkey */
    t[0].Flags = RTL_QUERY_REGISTRY_SUBKEY | RTL_QUERY_REGISTRY_NOEXPAND;
    memset(&t[1], 0, sizeof t[1]);
    calls = 0;
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, path, t, &type, NULL) == STATUS_SUCCESS && calls == 2 &&
          type == REG_MULTI_SZ);
    t[0].Flags = RTL_QUERY_REGISTRY_DIRECT; /* DIRECT with a routine: refused */
    CHECK(RtlQueryRegistryValues(RTL_REGISTRY_SERVICES, path, t, &type, NULL) == STATUS_INVALID_PARAMETER);
    CHECK(RtlDeleteRegistryValue(RTL_REGISTRY_SERVICES, path_p, v) == STATUS_SUCCESS);
    CHECK(RtlDeleteRegistryValue(RTL_REGISTRY_SERVICES, path_p, v) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(RtlCheckRegistryKey(RTL_REGISTRY_MAXIMUM, path) == STATUS_INVALID_PARAMETER);
    struct reg_key *k;
    CHECK(open_path("\\Registry\\Machine\\System\\CurrentControlSet\\Services\\HostRtl\\P", &k) == STATUS_SUCCESS);
    CHECK(registry_delete_key(k) == STATUS_SUCCESS);
    registry_release(k);
    CHECK(open_path("\\Registry\\Machine\\System\\CurrentControlSet\\Services\\HostRtl", &k) == STATUS_SUCCESS);
    CHECK(registry_delete_key(k) == STATUS_SUCCESS);
    registry_release(k);
    CHECK(registry_blocks() == before);
}
