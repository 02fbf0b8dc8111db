/* Kernel handles without an object manager: one table from handle to object, its type and the driver
 * that opened it, for every kind of handle drivers get (threads, registry keys). Handles are kernel
 * handles (the high bit set, multiples of 4, as Windows' kernel handles are). Portable: host-tested. */
#ifndef PAGODA_OB_HANDLE_H
#define PAGODA_OB_HANDLE_H

#include "kernel/wdm.h"

#define OB_HANDLES_MAX 256

/* What an object type is here: a name (the types are the data exports *PsProcessType, *PsThreadType). */
struct _OBJECT_TYPE {
    const char *name;
};

/* How a type counts references (NULL: the type counts none; a handle then holds whatever reference
 * its object came with, and dereference gives it back at the close). */
struct ob_handle_type {
    POBJECT_TYPE type;
    void (*reference)(PVOID object);
    void (*dereference)(PVOID object);
};

/* A new handle for object (which takes one reference through the type) opened by owner (a driver's
 * number, kernel/driver_code.h; 0 the kernel), or NULL when the table is full. */
HANDLE ob_handle_create(PVOID object, const struct ob_handle_type *type, unsigned owner);
/* The object of an open handle of that type, or NULL; no reference taken. */
PVOID ob_handle_object(HANDLE handle, const struct ob_handle_type *type);
/* What ObReferenceObjectByHandle does for a table handle: the object, referenced through its type,
 * unless the handle is not open (STATUS_INVALID_HANDLE) or wanted is given and is not its type
 * (STATUS_OBJECT_TYPE_MISMATCH). */
NTSTATUS ob_handle_reference(HANDLE handle, POBJECT_TYPE wanted, PVOID *object);
/* Closes every handle owner left open (a driver unloading), each told to report first; how many. */
typedef void ob_handle_left_report(void *ctx, HANDLE handle, PVOID object, const struct ob_handle_type *type);
unsigned ob_handle_close_left(unsigned owner, ob_handle_left_report *report, void *ctx);
/* How many handles are open. */
unsigned ob_handle_count(void);

/* An absolute object name as the named objects here take it (events, callback objects; there are no
 * directory objects, so any absolute path names one): "\" and at least one character, no empty
 * component, no trailing "\". STATUS_OBJECT_PATH_SYNTAX_BAD without the leading "\",
 * STATUS_OBJECT_NAME_INVALID otherwise. */
NTSTATUS ob_name_check(PCUNICODE_STRING name);

/* The DDI compliance rules that keep the Zw routines and their kin at PASSIVE_LEVEL. */
#define OB_RULE_IRQL_RTL_PASSIVE 0x0002001E
#define OB_RULE_IRQL_ZW_PASSIVE 0x0002001F
/* 0xC4 (rule, violation's text, 0, 0) unless at PASSIVE_LEVEL: Windows checks these under Driver
 * Verifier; Pagoda always does, as for IrqlMmApcLte. */
void ob_require_passive(ULONG rule, const char *violation);

#endif
