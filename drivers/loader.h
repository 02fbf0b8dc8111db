/* Maps a PE driver image (drivers/pe.h) into the driver-image range: sections copied with their
 * protections, .bss zeroed, base relocations applied, every import resolved by name against the export
 * tables (drivers/exports.h). Nothing is touched before the whole image has been checked and every
 * import found. */
#ifndef PAGODA_LOADER_H
#define PAGODA_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/image.h"

/* Returns 0 with the image mapped in *out, or why it cannot be (the image is then not mapped). */
const char *loader_map(const uint8_t *file, size_t size, struct loaded_image *out);
/* Gives back the INIT pages (after a successful DriverEntry); INIT sections are then unmapped. */
void loader_release_init(struct loaded_image *image);
/* Gives back the whole image. */
void loader_unmap(struct loaded_image *image);

#endif
