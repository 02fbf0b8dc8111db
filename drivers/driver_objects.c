#include "drivers/driver_objects.h"

static PDRIVER_OBJECT objects[DRIVER_OBJECTS_MAX];
static unsigned count;
static PDRIVER_OBJECT mapped[DRIVER_OBJECTS_MAX]; /* in load order */
static unsigned mapped_count;

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

void driver_objects_mapped(PDRIVER_OBJECT object)
{
    mapped[mapped_count++] = object;
}

void driver_objects_unmapped(PDRIVER_OBJECT object)
{
    unsigned i = 0;
    while (i < mapped_count && mapped[i] != object)
        i++;
    for (; i + 1 < mapped_count; i++)
        mapped[i] = mapped[i + 1];
    if (i < mapped_count)
        mapped_count--;
}

PDRIVER_OBJECT driver_objects_next_mapped(unsigned *cursor)
{
    return *cursor < mapped_count ? mapped[(*cursor)++] : 0;
}
