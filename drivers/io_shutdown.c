/* Shutdown notification: devices registered with IoRegisterShutdownNotification get IRP_MJ_SHUTDOWN
 * when the machine goes down (`poweroff`), last registered first, as Windows sends them. */
#include "drivers/io_shutdown.h"

#include "drivers/irp_build.h"

#define TAG_SHUTDOWN 'hSoI' /* "IoSh" */

struct registration {
    PDEVICE_OBJECT device;
    struct registration *next;
};

static struct registration *registered;

NTSTATUS NTAPI IoRegisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
    struct registration *r = ExAllocatePoolWithTag(NonPagedPool, sizeof *r, TAG_SHUTDOWN);
    if (!r)
        return STATUS_INSUFFICIENT_RESOURCES;
    *r = (struct registration){ DeviceObject, registered };
    registered = r;
    return STATUS_SUCCESS;
}

VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
    for (struct registration **link = &registered; *link;) {
        struct registration *r = *link;
        if (r->device == DeviceObject) {
            *link = r->next;
            ExFreePoolWithTag(r, TAG_SHUTDOWN);
        } else {
            link = &r->next;
        }
    }
}

void io_shutdown(void)
{
    while (registered) {
        PDEVICE_OBJECT device = registered->device;
        IoUnregisterShutdownNotification(device);
        irp_send_and_wait(device, IRP_MJ_SHUTDOWN, 0, 0);
    }
}
