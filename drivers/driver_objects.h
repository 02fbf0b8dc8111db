/* Which addresses are driver objects (*IoDriverObjectType's): kept apart from drivers/driver.c, which
 * calls the object code, so that the object code can ask without a circle of modules. */
#ifndef PAGODA_DRIVER_OBJECTS_H
#define PAGODA_DRIVER_OBJECTS_H

#include <stdbool.h>

#include "kernel/wdm.h"

/* A driver's DRIVER_OBJECT, from its image's arrival at boot: it lives as long as the kernel. */
void driver_objects_add(PDRIVER_OBJECT object);
bool driver_object_at(const void *object);

#endif
