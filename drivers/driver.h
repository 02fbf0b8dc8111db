/* The driver model: every driver image handed over at boot (a Multiboot module, drivers/loader.h maps
 * it), loaded and unloaded from the console or at boot. Each has Driver Verifier's record of its name
 * (pool/verifier.h); while its image is mapped, kernel/driver_code.h maps the image to that record, so
 * the pool charges every call the image's code makes to the driver, wherever it runs. */
#ifndef PAGODA_DRIVER_H
#define PAGODA_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "pool/verifier.h"
#include "drivers/driver_extension.h"
#include "drivers/driver_objects.h"
#include "drivers/loader.h"

#ifndef STATUS_INVALID_IMAGE_FORMAT
#define STATUS_INVALID_IMAGE_FORMAT ((NTSTATUS)0xC000007BL)
#endif

#define DRIVERS_MAX 16
#define DRIVER_NAME_MAX 15
#define DRIVER_REGISTRY_PREFIX "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\"


enum driver_status { DRIVER_UNLOADED, DRIVER_LOADED, DRIVER_FAILED };

struct driver {
    char name[DRIVER_NAME_MAX + 1];
    uint32_t file_phys, file_size; /* the image file, in frames the memory manager leaves alone */
    enum driver_status status;
    struct loaded_image image;
    DRIVER_OBJECT object;
    struct driver_extension extension;
    UNICODE_STRING registry_path;
    WCHAR name_buffer[sizeof(DRIVER_NAME_PREFIX) + DRIVER_NAME_MAX];
    WCHAR registry_buffer[sizeof(DRIVER_REGISTRY_PREFIX) + DRIVER_NAME_MAX];
    struct verifier_driver *verifier; /* by name: its switches and charges stay across loads */
};

/* From boot: an image file in physical memory, named by its file name without directory and ".sys".
 * False (with a reason) when the name is bad, taken, or the table is full. */
bool driver_add_image(const char *file_name, uint32_t phys, uint32_t size, const char **why);

/* Iteration: start with *cursor = 0; NULL at the end. */
struct driver *driver_next(unsigned *cursor);
struct driver *driver_find(const char *name);
const char *driver_status_name(enum driver_status status);

/* The image that holds address (mapped, so also during its DriverEntry), or NULL: what the Mm routines
 * for pageable sections work on (drivers/image_paging.h, set by boot). */
struct loaded_image *driver_image_at(uint32_t address);
/* The STOP screen's description of the image holding address (bugcheck_set_namer); false when none. */
bool driver_describe_at(uint32_t address, struct bugcheck_image *image);

typedef verifier_leak_report driver_leak_report;

/* Maps the image and runs DriverEntry. A bad image or an unresolved import sets *why and returns
 * STATUS_INVALID_IMAGE_FORMAT with nothing loaded; a failure status of DriverEntry unloads the image
 * (what it left is checked as on an unload). */
NTSTATUS driver_load(struct driver *d, const char **why, driver_leak_report *report, void *ctx);
/* Runs DriverUnload, then the I/O work items still queued for the driver's devices (their references
 * would keep the image on Windows until they had run), checks what the driver left, and frees the
 * image. The checks, in order: a timer or DPC in the image (0xC7), a work item in it (0xE4), a
 * lookaside list not deleted (0xCE), and with pool tracking on, allocations left (report sees each,
 * then 0xC4/0x62). False if it has no DriverUnload. */
bool driver_unload(struct driver *d, driver_leak_report *report, void *ctx);

#endif
