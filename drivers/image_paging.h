/* Paging of driver images by section, as the WDK's Mm routines ask it (kernel/wdm.h):
 * MmLockPagableDataSection (MmLockPagableCodeSection is the same routine on x86),
 * MmLockPagableSectionByHandle, MmUnlockPagableImageSection, MmPageEntireDriver, MmResetDriverPaging.
 * The image's table of sections (drivers/image.h) keeps the locks; the memory manager
 * (mm/driver_images.h) moves the pages. A handle is, as on Windows, the address of the section's
 * header in the mapped image, good while the image stays loaded. */
#ifndef PAGODA_DRIVERS_IMAGE_PAGING_H
#define PAGODA_DRIVERS_IMAGE_PAGING_H

#include <stdint.h>

#include "drivers/image.h"

/* The mapped image that holds an address, or NULL. Boot hands over the driver model's
 * (drivers/driver.h): the export tables hold these routines, so they cannot reach it by name. */
typedef struct loaded_image *(*image_paging_finder)(uint32_t address);
void image_paging_set_finder(image_paging_finder find);

#endif
