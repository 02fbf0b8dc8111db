/* The driver objects (*IoDriverObjectType's) and which of them have their image mapped, in the order
 * loaded: kept apart from drivers/driver.c, which calls the object code and the export tables, so that
 * those can ask without a circle of modules. */
#ifndef PAGODA_DRIVER_OBJECTS_H
#define PAGODA_DRIVER_OBJECTS_H

#include <stdbool.h>

#include "kernel/wdm.h"

#define DRIVER_NAME_PREFIX "\\Driver\\"                                /* DriverName: then the name */
#define DRIVER_IMAGE_PATH_PREFIX "\\SystemRoot\\System32\\drivers\\" /* then <name>.sys */
#define DRIVER_OBJECTS_MAX 16 /* drivers/driver.h's DRIVERS_MAX: driver.c checks they agree */

/* A driver's DRIVER_OBJECT, from its image's arrival at boot: it lives as long as the kernel. */
void driver_objects_add(PDRIVER_OBJECT object);
bool driver_object_at(const void *object);
/* Its image mapped (DriverStart and DriverSize set; before DriverEntry), or about to be unmapped. */
void driver_objects_mapped(PDRIVER_OBJECT object);
void driver_objects_unmapped(PDRIVER_OBJECT object);
/* The driver objects whose images are mapped, the first loaded first: start with *cursor = 0; NULL after
 * the last. */
PDRIVER_OBJECT driver_objects_next_mapped(unsigned *cursor);

#endif
