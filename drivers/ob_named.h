/* Objects with a name, or none, that count their references, in one namespace as the object manager's
 * directories make one (flat: there are no directory objects): event objects (drivers/ob_event.c) and
 * callback objects (drivers/ex_callback.c) each hold this header. A name is an absolute path
 * (ob_name_check), compared without regard to case, and names one object of whatever type. One
 * spinlock, ob_named_lock, keeps the namespace and the counts, and what the objects' own code keeps
 * under it. */
#ifndef PAGODA_OB_NAMED_H
#define PAGODA_OB_NAMED_H

#include <stdbool.h>
#include <stddef.h>

#include "kernel/wdm.h"

struct ob_named {
    LIST_ENTRY link; /* in the namespace while the object lives */
    PVOID object;    /* the object's address, the one drivers hold */
    POBJECT_TYPE type;
    LONG references;
    ULONG tag;           /* the object's nonpaged block's; 0: static, and its own reference never goes */
    UNICODE_STRING name; /* Length 0: unnamed */
};

extern KSPIN_LOCK ob_named_lock;

/* A new object: size zeroed bytes of nonpaged pool (tag) with a copy of name after them, its header at
 * header_offset filled (one reference, the caller's), not yet in the namespace; NULL without pool. */
PVOID ob_named_new(size_t size, size_t header_offset, POBJECT_TYPE type, ULONG tag, PCUNICODE_STRING name);
/* The name ObjectAttributes give (*name NULL for none): STATUS_INVALID_PARAMETER for a wrong Length,
 * STATUS_INVALID_HANDLE for a RootDirectory (there are no directory objects, so no handle of one), and
 * ob_name_check's statuses. */
NTSTATUS ob_named_attributes(POBJECT_ATTRIBUTES oa, PCUNICODE_STRING *name);
/* The object named name, of type, referenced: STATUS_SUCCESS, or with fresh STATUS_OBJECT_NAME_EXISTS
 * (STATUS_OBJECT_NAME_COLLISION if collide); another type's is STATUS_OBJECT_TYPE_MISMATCH
 * (STATUS_OBJECT_NAME_COLLISION for a fresh one if collide). With none of that name (or no name),
 * fresh (from ob_named_new) joins the namespace: STATUS_SUCCESS; without fresh,
 * STATUS_OBJECT_NAME_NOT_FOUND. *object is what the caller holds a reference to; a fresh object not
 * used is freed. */
NTSTATUS ob_named_open(PCUNICODE_STRING name, struct ob_named *fresh, POBJECT_TYPE type, bool collide, PVOID *object);
/* Under ob_named_lock: a static object (tag 0) joins the namespace; the objects of a type in it one by
 * one (NULL to start and after the last). */
void ob_named_insert(struct ob_named *n);
struct ob_named *ob_named_next(struct ob_named *after, POBJECT_TYPE type);
/* The header of the live object at object, or NULL. */
struct ob_named *ob_named_of(PVOID object);
/* A reference more / one less, and the count after; the last frees the object with its name. More
 * dereferences than references: 0x18 REFERENCE_BY_POINTER (the type, the object, 1, 0), as Windows. */
LONG ob_named_reference(struct ob_named *n);
LONG ob_named_dereference(struct ob_named *n);

#endif
