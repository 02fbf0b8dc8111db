/* NTSTATUS values by name, for the console's lines (`load` prints DriverEntry's status this way). */
#ifndef PAGODA_STATUS_NAMES_H
#define PAGODA_STATUS_NAMES_H

#include "kernel/wdm.h"

/* "STATUS_INSUFFICIENT_RESOURCES", or NULL for a value not in the table. */
const char *status_name(NTSTATUS status);

#endif
