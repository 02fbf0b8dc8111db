#include "drivers/registry.h"

#include "kernel/lib/kstring.h"
#include "kernel/rtl_string.h"
#include "kernel/version.h"

static struct reg_key *root;
static VOID(NTAPI *stamp_clock)(PLARGE_INTEGER now);
static ULONG blocks;

static void *block(SIZE_T bytes, ULONG tag)
{
    void *p = ExAllocatePoolWithTag(PagedPool, bytes, tag);
    if (p)
        blocks++;
    return p;
}

static void unblock(void *p, ULONG tag)
{
    blocks--;
    ExFreePoolWithTag(p, tag);
}

ULONG registry_blocks(void)
{
    return blocks;
}

static void stamp(struct reg_key *key)
{
    key->last_write.QuadPart = 0;
    if (stamp_clock)
        stamp_clock(&key->last_write);
}

/* NT's order of names: characters upcased, compared one by one, a prefix first. */
static int compare_names(const WCHAR *a, USHORT a_bytes, const WCHAR *b, USHORT b_bytes)
{
    USHORT n = (a_bytes < b_bytes ? a_bytes : b_bytes) / sizeof(WCHAR);
    for (USHORT i = 0; i < n; i++) {
        WCHAR x = rtl_upcase(a[i]), y = rtl_upcase(b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a_bytes == b_bytes ? 0 : a_bytes < b_bytes ? -1 : 1;
}

static void build_tree(void);

struct reg_key *registry_root(void)
{
    if (!root)
        build_tree();
    return root;
}

static struct reg_key *new_key(const WCHAR *name, USHORT bytes, bool is_volatile)
{
    struct reg_key *k = block(sizeof *k + bytes + sizeof(WCHAR), REGISTRY_TAG_KEY);
    if (!k)
        return 0;
    *k = (struct reg_key){ .is_volatile = is_volatile, .name_length = bytes };
    InitializeListHead(&k->subkeys);
    InitializeListHead(&k->values);
    memcpy(k->name, name, bytes);
    k->name[bytes / sizeof(WCHAR)] = 0;
    stamp(k);
    return k;
}

/* The subkey named so, or NULL; *after is the subkey it would follow (the list head when first). */
static struct reg_key *find_subkey(struct reg_key *key, const WCHAR *name, USHORT bytes, LIST_ENTRY **after)
{
    *after = &key->subkeys;
    for (LIST_ENTRY *e = key->subkeys.Flink; e != &key->subkeys; e = e->Flink) {
        struct reg_key *k = CONTAINING_RECORD(e, struct reg_key, sibling);
        int order = compare_names(k->name, k->name_length, name, bytes);
        if (order == 0)
            return k;
        if (order > 0)
            break;
        *after = e;
    }
    return 0;
}

static void insert_after(LIST_ENTRY *after, LIST_ENTRY *entry)
{
    entry->Flink = after->Flink;
    entry->Blink = after;
    after->Flink->Blink = entry;
    after->Flink = entry;
}

/* One component of a path: from *at to the next backslash or the end. */
struct component {
    const WCHAR *name;
    USHORT bytes;
};

static NTSTATUS next_component(PCUNICODE_STRING path, USHORT *at, struct component *c)
{
    USHORT chars = path->Length / sizeof(WCHAR), start = *at, end = start;
    while (end < chars && path->Buffer[end] != '\\')
        end++;
    if (end == start || end - start > REGISTRY_KEY_NAME_MAX)
        return STATUS_OBJECT_NAME_INVALID;
    *c = (struct component){ path->Buffer + start, (USHORT)((end - start) * sizeof(WCHAR)) };
    *at = end < chars ? (USHORT)(end + 1) : end;
    if (end + 1 == chars) /* a trailing backslash: an empty last component */
        return STATUS_OBJECT_NAME_INVALID;
    return STATUS_SUCCESS;
}

/* The key to start from and where the path's components begin. */
static NTSTATUS start_of(struct reg_key *from, PCUNICODE_STRING path, struct reg_key **start, USHORT *at)
{
    static const WCHAR registry[] = { 'R', 'E', 'G', 'I', 'S', 'T', 'R', 'Y' };
    bool rooted = path->Length >= sizeof(WCHAR) && path->Buffer[0] == '\\';
    *at = 0;
    *start = from;
    if (from)
        return rooted ? STATUS_OBJECT_PATH_SYNTAX_BAD : from->deleted ? STATUS_KEY_DELETED : STATUS_SUCCESS;
    if (!rooted)
        return STATUS_OBJECT_PATH_SYNTAX_BAD;
    if (!registry_root())
        return STATUS_INSUFFICIENT_RESOURCES;
    *at = 1;
    struct component c;
    NTSTATUS status = next_component(path, at, &c);
    if (status == STATUS_OBJECT_NAME_INVALID && path->Length == sizeof(WCHAR))
        return STATUS_OBJECT_PATH_NOT_FOUND; /* "\": the namespace's root is no key */
    if (!NT_SUCCESS(status))
        return status;
    if (compare_names(c.name, c.bytes, registry, sizeof registry) != 0)
        return STATUS_OBJECT_PATH_NOT_FOUND;
    *start = root;
    return STATUS_SUCCESS;
}

static NTSTATUS walk(struct reg_key *from, PCUNICODE_STRING path, bool create, ULONG options, bool intermediates,
                     struct reg_key **key, ULONG *disposition)
{
    struct reg_key *k;
    USHORT at, chars = path ? path->Length / sizeof(WCHAR) : 0;
    UNICODE_STRING none = { 0, 0, 0 };
    NTSTATUS status = start_of(from, path ? path : &none, &k, &at);
    ULONG how = REG_OPENED_EXISTING_KEY;
    while (NT_SUCCESS(status) && at < chars) {
        struct component c;
        LIST_ENTRY *after;
        status = next_component(path, &at, &c);
        if (!NT_SUCCESS(status))
            break;
        struct reg_key *sub = find_subkey(k, c.name, c.bytes, &after);
        bool last = at >= chars;
        if (!sub && (!create || (!last && !intermediates))) {
            status = STATUS_OBJECT_NAME_NOT_FOUND;
        } else if (!sub && k->is_volatile && !(options & REG_OPTION_VOLATILE)) {
            status = STATUS_CHILD_MUST_BE_VOLATILE;
        } else if (!sub) {
            sub = new_key(c.name, c.bytes, (options & REG_OPTION_VOLATILE) != 0);
            if (!sub) {
                status = STATUS_INSUFFICIENT_RESOURCES;
                break;
            }
            sub->parent = k;
            insert_after(after, &sub->sibling);
            k->subkey_count++;
            stamp(k);
            how = REG_CREATED_NEW_KEY;
        }
        k = sub;
    }
    if (!NT_SUCCESS(status))
        return status;
    registry_reference(k);
    *key = k;
    if (disposition)
        *disposition = how;
    return STATUS_SUCCESS;
}

NTSTATUS registry_open(struct reg_key *from, PCUNICODE_STRING path, struct reg_key **key)
{
    return walk(from, path, false, 0, false, key, 0);
}

NTSTATUS registry_create(struct reg_key *from, PCUNICODE_STRING path, ULONG options, bool intermediates,
                         struct reg_key **key, ULONG *disposition)
{
    return walk(from, path, true, options, intermediates, key, disposition);
}

void registry_reference(struct reg_key *key)
{
    key->references++;
}

static void free_values(struct reg_key *key)
{
    while (!IsListEmpty(&key->values)) {
        struct reg_value *v = CONTAINING_RECORD(key->values.Flink, struct reg_value, link);
        RemoveEntryList(&v->link);
        unblock(v, REGISTRY_TAG_VALUE);
    }
}

void registry_release(struct reg_key *key)
{
    if (--key->references == 0 && key->deleted) {
        free_values(key);
        unblock(key, REGISTRY_TAG_KEY);
    }
}

NTSTATUS registry_delete_key(struct reg_key *key)
{
    if (key->deleted)
        return STATUS_KEY_DELETED;
    if (key->fixed || key->subkey_count)
        return STATUS_CANNOT_DELETE;
    RemoveEntryList(&key->sibling);
    key->parent->subkey_count--;
    stamp(key->parent);
    key->parent = 0;
    key->deleted = true;
    if (key->references == 0) {
        free_values(key);
        unblock(key, REGISTRY_TAG_KEY);
    }
    return STATUS_SUCCESS;
}

struct reg_value *registry_find_value(const struct reg_key *key, PCUNICODE_STRING name)
{
    USHORT bytes = name ? name->Length : 0;
    for (LIST_ENTRY *e = key->values.Flink; e != &key->values; e = e->Flink) {
        struct reg_value *v = CONTAINING_RECORD(e, struct reg_value, link);
        if (compare_names(v->name, v->name_length, name ? name->Buffer : 0, bytes) == 0)
            return v;
    }
    return 0;
}

#define DATA_ALIGN 8

NTSTATUS registry_set_value(struct reg_key *key, PCUNICODE_STRING name, ULONG type, const void *data, ULONG length)
{
    if (key->deleted)
        return STATUS_KEY_DELETED;
    struct reg_value *old = registry_find_value(key, name);
    USHORT bytes = old ? old->name_length : name ? name->Length : 0; /* a value keeps its first spelling */
    const WCHAR *text = old ? old->name : name ? name->Buffer : 0;
    SIZE_T data_at = (sizeof(struct reg_value) + bytes + sizeof(WCHAR) + DATA_ALIGN - 1) & ~(SIZE_T)(DATA_ALIGN - 1);
    struct reg_value *v = block(data_at + length, REGISTRY_TAG_VALUE);
    if (!v)
        return STATUS_INSUFFICIENT_RESOURCES;
    *v = (struct reg_value){ .type = type, .data_length = length, .name_length = bytes };
    v->name = (WCHAR *)(v + 1);
    v->data = (UCHAR *)v + data_at;
    if (bytes)
        memcpy(v->name, text, bytes);
    v->name[bytes / sizeof(WCHAR)] = 0;
    if (length)
        memcpy(v->data, data, length);
    if (old) { /* the new block takes the old one's place in the order */
        insert_after(&old->link, &v->link);
        RemoveEntryList(&old->link);
        unblock(old, REGISTRY_TAG_VALUE);
    } else {
        InsertTailList(&key->values, &v->link);
        key->value_count++;
    }
    stamp(key);
    return STATUS_SUCCESS;
}

NTSTATUS registry_delete_value(struct reg_key *key, PCUNICODE_STRING name)
{
    if (key->deleted)
        return STATUS_KEY_DELETED;
    struct reg_value *v = registry_find_value(key, name);
    if (!v)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    RemoveEntryList(&v->link);
    unblock(v, REGISTRY_TAG_VALUE);
    key->value_count--;
    stamp(key);
    return STATUS_SUCCESS;
}

static LIST_ENTRY *nth(const LIST_ENTRY *head, ULONG index)
{
    for (LIST_ENTRY *e = head->Flink; e != head; e = e->Flink)
        if (index-- == 0)
            return e;
    return 0;
}

struct reg_key *registry_subkey_at(const struct reg_key *key, ULONG index)
{
    LIST_ENTRY *e = nth(&key->subkeys, index);
    return e ? CONTAINING_RECORD(e, struct reg_key, sibling) : 0;
}

struct reg_value *registry_value_at(const struct reg_key *key, ULONG index)
{
    LIST_ENTRY *e = nth(&key->values, index);
    return e ? CONTAINING_RECORD(e, struct reg_value, link) : 0;
}

ULONG registry_full_name(const struct reg_key *key, WCHAR *buffer, ULONG capacity)
{
    ULONG total = 0;
    for (const struct reg_key *k = key; k; k = k->parent)
        total += sizeof(WCHAR) + k->name_length;
    ULONG end = total;
    for (const struct reg_key *k = key; k; k = k->parent) {
        end -= k->name_length + sizeof(WCHAR);
        for (ULONG i = 0; i <= k->name_length / sizeof(WCHAR); i++) {
            ULONG at = end + i * sizeof(WCHAR);
            if (buffer && at + sizeof(WCHAR) <= capacity)
                buffer[at / sizeof(WCHAR)] = i == 0 ? '\\' : k->name[i - 1];
        }
    }
    return total;
}

/* The tree every boot starts with. */
static void wide(WCHAR *out, const char *text)
{
    while ((*out++ = (WCHAR)(UCHAR)*text++))
        ;
}

static struct reg_key *fixed_key(const char *path)
{
    WCHAR buffer[REGISTRY_PATH_MAX];
    wide(buffer, path);
    UNICODE_STRING name = { (USHORT)(strlen(path) * sizeof(WCHAR)), sizeof buffer, buffer };
    struct reg_key *key;
    if (!NT_SUCCESS(registry_create(0, &name, 0, true, &key, 0)))
        return 0;
    for (struct reg_key *k = key; k; k = k->parent)
        k->fixed = true;
    registry_release(key);
    return key;
}

static void set_string(struct reg_key *key, const char *name, const char *text)
{
    WCHAR n[64], t[64];
    wide(n, name);
    wide(t, text);
    UNICODE_STRING value_name = { (USHORT)(strlen(name) * sizeof(WCHAR)), sizeof n, n };
    registry_set_value(key, &value_name, REG_SZ, t, (ULONG)((strlen(text) + 1) * sizeof(WCHAR)));
}

static void set_dword(struct reg_key *key, const char *name, ULONG value)
{
    WCHAR n[64];
    wide(n, name);
    UNICODE_STRING value_name = { (USHORT)(strlen(name) * sizeof(WCHAR)), sizeof n, n };
    registry_set_value(key, &value_name, REG_DWORD, &value, sizeof value);
}

void registry_init(VOID(NTAPI *clock)(PLARGE_INTEGER now))
{
    stamp_clock = clock;
}

static void build_tree(void)
{
    static const WCHAR registry[] = { 'R', 'E', 'G', 'I', 'S', 'T', 'R', 'Y' };
    root = new_key(registry, sizeof registry, false);
    if (!root)
        return;
    root->fixed = true;
    fixed_key("\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services");
    fixed_key("\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Control");
    fixed_key("\\REGISTRY\\MACHINE\\HARDWARE\\DEVICEMAP");
    fixed_key("\\REGISTRY\\USER\\.DEFAULT");
    struct reg_key *nt = fixed_key("\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion");
    if (!nt)
        return;
    /* What Windows 10 22H2 keeps there (CurrentVersion is 6.3 since 8.1, for old programs' sake). */
    set_string(nt, "ProductName", "Windows 10 Pro");
    set_string(nt, "EditionID", "Professional");
    set_string(nt, "InstallationType", "Client");
    set_string(nt, "CurrentVersion", "6.3");
    set_dword(nt, "CurrentMajorVersionNumber", PAGODA_NT_MAJOR);
    set_dword(nt, "CurrentMinorVersionNumber", PAGODA_NT_MINOR);
    set_string(nt, "CurrentBuild", PAGODA_NT_BUILD_TEXT);
    set_string(nt, "CurrentBuildNumber", PAGODA_NT_BUILD_TEXT);
    set_string(nt, "DisplayVersion", PAGODA_NT_DISPLAY_VERSION);
    set_string(nt, "CurrentType", "Uniprocessor Checked");
    set_string(nt, "SystemRoot", "C:\\Windows");
}
