/* MmGetSystemRoutineAddress (declared in kernel/wdm.h) and how boot connects it to the export tables. */
#ifndef PAGODA_SYSTEM_ROUTINE_H
#define PAGODA_SYSTEM_ROUTINE_H

#include "kernel/wdm.h"

/* The address of an export by name, NULL if none. */
typedef const void *(*system_routine_finder)(const char *name);

void system_routine_set_finder(system_routine_finder find);

#endif
