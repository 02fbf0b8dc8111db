/* The registry's tree: keys with case-insensitive names (compared as NT compares them, upcased), each
 * with its subkeys (kept in NT's enumeration order: by upcased name) and its typed values (in the order
 * they were first set). Keys and values live in paged pool, keys under tag `CmKy`, values under `CmVa`,
 * charged to the kernel whoever asked. A key deleted while references to it remain (open handles) leaves
 * the tree at once and its memory goes with the last reference; meanwhile every operation on it is
 * STATUS_KEY_DELETED. Nothing is saved: the tree is rebuilt at each boot. Called at PASSIVE_LEVEL; there is
 * no lock, so two system threads changing the registry at once are not supported (docs/drivers.md,
 * Limits). Portable: host-tested. The Zw and Rtl routines over it are
 * drivers/registry_zw.c and drivers/registry_rtl.c. */
#ifndef PAGODA_REGISTRY_H
#define PAGODA_REGISTRY_H

#include <stdbool.h>

#include "kernel/wdm.h"

#define REGISTRY_TAG_KEY 'yKmC'   /* "CmKy" */
#define REGISTRY_TAG_VALUE 'aVmC' /* "CmVa" */
#define REGISTRY_KEY_NAME_MAX 255 /* characters of one key name, as NT allows */
#define REGISTRY_PATH_MAX 512     /* characters of a path the Rtl routines and the console build */

struct reg_value {
    LIST_ENTRY link;
    ULONG type, data_length;
    USHORT name_length; /* bytes, without the terminator the name has */
    WCHAR *name;        /* in the same block */
    UCHAR *data;
};

struct reg_key {
    LIST_ENTRY sibling; /* in the parent's subkeys */
    LIST_ENTRY subkeys, values;
    struct reg_key *parent;
    ULONG subkey_count, value_count;
    ULONG references; /* handles and other holders; the tree's own link is not counted */
    bool deleted, is_volatile, fixed; /* fixed: one of the keys the tree starts with, never deleted */
    LARGE_INTEGER last_write;
    USHORT name_length; /* bytes */
    WCHAR name[];       /* terminated */
};

/* clock stamps each write (NULL: time 0). The tree every boot starts with (registry.c) is built at the
 * first use of the registry (a path opened, a driver loaded), not at boot: a boot that never uses it
 * leaves the pool untouched, as the pool's first-call test and the paged-pool layout tests need. */
void registry_init(VOID(NTAPI *clock)(PLARGE_INTEGER now));
/* \REGISTRY (the tree built if it is not yet); NULL when the pool cannot hold it. */
struct reg_key *registry_root(void);

/* The key at path, walked from key from (a path relative to it, no leading backslash) or, with from
 * NULL, from the object namespace's root (a path \REGISTRY\...). An empty relative path is from itself.
 * The key found gets a reference (registry_release drops it). STATUS_OBJECT_PATH_SYNTAX_BAD for a
 * leading backslash that should not be there or is missing, STATUS_OBJECT_NAME_INVALID for an empty
 * component or one longer than 255 characters, STATUS_OBJECT_PATH_NOT_FOUND outside \REGISTRY,
 * STATUS_OBJECT_NAME_NOT_FOUND for a key that does not exist, STATUS_KEY_DELETED when from is deleted. */
NTSTATUS registry_open(struct reg_key *from, PCUNICODE_STRING path, struct reg_key **key);
/* As registry_open, creating the last key when it is missing (and every missing one before it with
 * intermediates, as the console's `reg add` does; ZwCreateKey creates only the last, as NT does:
 * STATUS_OBJECT_NAME_NOT_FOUND otherwise). options: REG_OPTION_VOLATILE or not; a non-volatile key under
 * a volatile one is STATUS_CHILD_MUST_BE_VOLATILE. *disposition (may be NULL): REG_CREATED_NEW_KEY or
 * REG_OPENED_EXISTING_KEY. */
NTSTATUS registry_create(struct reg_key *from, PCUNICODE_STRING path, ULONG options, bool intermediates,
                         struct reg_key **key, ULONG *disposition);
void registry_reference(struct reg_key *key);
void registry_release(struct reg_key *key);

/* Takes the key out of the tree (its memory goes with the last reference): STATUS_CANNOT_DELETE when it
 * has subkeys or is one of the keys the tree starts with, STATUS_KEY_DELETED when it went already. */
NTSTATUS registry_delete_key(struct reg_key *key);

/* The value named name (empty: the key's default value), or NULL. */
struct reg_value *registry_find_value(const struct reg_key *key, PCUNICODE_STRING name);
/* Sets (creates or replaces) a value: STATUS_KEY_DELETED, STATUS_INSUFFICIENT_RESOURCES. */
NTSTATUS registry_set_value(struct reg_key *key, PCUNICODE_STRING name, ULONG type, const void *data, ULONG length);
/* STATUS_OBJECT_NAME_NOT_FOUND when there is no such value. */
NTSTATUS registry_delete_value(struct reg_key *key, PCUNICODE_STRING name);

/* The index-th subkey (enumeration order) or value, or NULL past the last. */
struct reg_key *registry_subkey_at(const struct reg_key *key, ULONG index);
struct reg_value *registry_value_at(const struct reg_key *key, ULONG index);
/* The key's full name, \REGISTRY\...: its bytes (without a terminator); at most capacity bytes are
 * written to buffer (NULL: none). */
ULONG registry_full_name(const struct reg_key *key, WCHAR *buffer, ULONG capacity);
/* Key and value blocks allocated now (a test's measure of what is left behind). */
ULONG registry_blocks(void);

/* Kernel handles to keys (drivers/registry_zw.c), what the Zw routines take and give: handles of the
 * one table (drivers/ob_handle.h) of this type; ZwClose closes them as any handle. */
struct ob_handle_type;
extern const struct ob_handle_type registry_key_handles;
/* The key a handle names, or NULL when it names none. */
struct reg_key *registry_handle_key(HANDLE handle);

#endif
