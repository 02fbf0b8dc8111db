/* The object names the I/O manager's routines create: device names (IoCreateDevice) and symbolic links
 * (IoCreateSymbolicLink), in one namespace as in the object manager, so a name is taken whichever
 * kind took it. Names compare case-insensitively, and \DosDevices\ and \GLOBAL??\ are \??\. Called at
 * PASSIVE_LEVEL; a spinlock keeps the list whole when system threads name and unname at once (an
 * entry found stays the caller's to use only as long as nobody removes it, as before threads). */
#ifndef PAGODA_IO_NAMES_H
#define PAGODA_IO_NAMES_H

#include "kernel/wdm.h"

enum io_name_kind { IO_NAME_DEVICE, IO_NAME_LINK };

struct io_name {
    LIST_ENTRY link;
    enum io_name_kind kind;
    unsigned owner;        /* a link: the driver whose code created it (kernel/driver_code.h), 0 the kernel */
    UNICODE_STRING name;   /* copies, in the same block */
    UNICODE_STRING target; /* a link: the name it points to */
};

/* STATUS_OBJECT_NAME_INVALID unless name starts with a backslash, STATUS_OBJECT_NAME_COLLISION when
 * it is taken, STATUS_INSUFFICIENT_RESOURCES; target only for a link. */
NTSTATUS io_name_insert(PCUNICODE_STRING name, enum io_name_kind kind, PCUNICODE_STRING target, unsigned owner,
                        struct io_name **entry);
struct io_name *io_name_find(PCUNICODE_STRING name);
void io_name_remove(struct io_name *entry);
/* The links owner created and left, one by one (NULL when none is left). */
struct io_name *io_name_link_of(unsigned owner);

#endif
