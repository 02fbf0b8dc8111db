/* The driver model: every driver image handed over at boot (a Multiboot module, drivers/loader.h maps
 * it), loaded and unloaded from the console or at boot. While a driver's DriverEntry or DriverUnload
 * runs, it is the verifier's current driver, so the pool attributes what it allocates to it (tracking,
 * per-driver special pool). */
#ifndef PAGODA_DRIVER_H
#define PAGODA_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/bugcheck.h"
#include "kernel/wdm.h"
#include "pool/verifier.h"
#include "drivers/loader.h"

#ifndef STATUS_INVALID_IMAGE_FORMAT
#define STATUS_INVALID_IMAGE_FORMAT ((NTSTATUS)0xC000007BL)
#endif

#define DRIVERS_MAX 16
#define DRIVER_NAME_MAX 15
#define DRIVER_NAME_PREFIX "\\Driver\\"
#define DRIVER_REGISTRY_PREFIX "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\"

/* The public head of the WDK's DRIVER_EXTENSION (x86: 0x14 bytes), which wdm.h leaves opaque: WDM
 * drivers set AddDevice through it. */
struct driver_extension {
    PDRIVER_OBJECT DriverObject;
    PVOID AddDevice;
    ULONG Count;
    UNICODE_STRING ServiceKeyName;
};

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
    struct verifier_driver verifier; /* its switches stay across loads */
};

/* From boot: an image file in physical memory, named by its file name without directory and ".sys".
 * False (with a reason) when the name is bad, taken, or the table is full. */
bool driver_add_image(const char *file_name, uint32_t phys, uint32_t size, const char **why);

/* Iteration: start with *cursor = 0; NULL at the end. */
struct driver *driver_next(unsigned *cursor);
struct driver *driver_find(const char *name);
const char *driver_status_name(enum driver_status status);

/* Code of a driver image running outside DriverEntry and DriverUnload (a DPC routine): the driver
 * whose image holds address becomes the verifier's current driver (none when no image holds it);
 * driver_leave_code restores what driver_enter_code returned. */
void *driver_enter_code(const void *address);
void driver_leave_code(void *before);

/* The image that holds address (mapped, so also during its DriverEntry), or NULL: what the Mm routines
 * for pageable sections work on (drivers/image_paging.h, set by boot). */
struct loaded_image *driver_image_at(uint32_t address);
/* The STOP screen's description of the image holding address (bugcheck_set_namer); false when none. */
bool driver_describe_at(uint32_t address, struct bugcheck_image *image);

typedef verifier_leak_report driver_leak_report;

/* Maps the image and runs DriverEntry as the current driver. A bad image or an unresolved import sets
 * *why and returns STATUS_INVALID_IMAGE_FORMAT with nothing loaded; a failure status of DriverEntry
 * unloads the image (what it left allocated is checked as on an unload). */
NTSTATUS driver_load(struct driver *d, const char **why, driver_leak_report *report, void *ctx);
/* Runs DriverUnload as the current driver, lets the verifier check what it left (with tracking on and
 * allocations live, report sees each, then bugcheck 0xC4/0x62), and frees the image. False if it has
 * no DriverUnload. */
bool driver_unload(struct driver *d, driver_leak_report *report, void *ctx);

#endif
