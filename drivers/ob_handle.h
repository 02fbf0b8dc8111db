/* Kernel handles without an object manager: a table from handle to object and type. Handles are kernel
 * handles (the high bit set, multiples of 4, as Windows' kernel handles are). */
#ifndef PAGODA_OB_HANDLE_H
#define PAGODA_OB_HANDLE_H

#include "kernel/wdm.h"

#define OB_HANDLES_MAX 256

/* What an object type is here: a name (the types are the data exports *PsProcessType, *PsThreadType). */
struct _OBJECT_TYPE {
    const char *name;
};

/* How a type counts references (NULL: the type counts none). */
struct ob_handle_type {
    POBJECT_TYPE type;
    void (*reference)(PVOID object);
    void (*dereference)(PVOID object);
};

/* A new handle for object (which takes one reference through the type), or NULL when the table is full. */
HANDLE ob_handle_create(PVOID object, const struct ob_handle_type *type);
/* What ObReferenceObjectByHandle does for a table handle: the object, referenced through its type,
 * unless the handle is not open (STATUS_INVALID_HANDLE) or wanted is given and is not its type
 * (STATUS_OBJECT_TYPE_MISMATCH). */
NTSTATUS ob_handle_reference(HANDLE handle, POBJECT_TYPE wanted, PVOID *object);
/* How many handles are open. */
unsigned ob_handle_count(void);

#endif
