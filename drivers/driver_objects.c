#include "drivers/driver_objects.h"

#include "drivers/driver.h"

static PDRIVER_OBJECT objects[DRIVERS_MAX];
static unsigned count;

void driver_objects_add(PDRIVER_OBJECT object)
{
    objects[count++] = object;
}

bool driver_object_at(const void *object)
{
    for (unsigned i = 0; i < count; i++)
        if (objects[i] == object)
            return true;
    return false;
}
