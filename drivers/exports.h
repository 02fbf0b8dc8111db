/* What Pagoda exports to driver images: one table per DLL an image may import from (ntoskrnl.exe,
 * HAL.dll), read by the loader to resolve imports and by MmGetSystemRoutineAddress. Each entry says
 * how the WDK declares the routine, so tools/implib.py can make the import libraries drivers link
 * against from the same tables: a routine missing here fails at link time, with its name. */
#ifndef PAGODA_EXPORTS_H
#define PAGODA_EXPORTS_H

#include "drivers/export_table.h"

extern const struct export_dll ntoskrnl_exports, hal_exports;

/* The DLL of that name (case ignored, as Windows' loader does), or NULL. */
const struct export_dll *exports_dll(const char *name);
/* The address of the export of that name, or NULL. */
const void *exports_lookup(const struct export_dll *dll, const char *name);
/* The same in ntoskrnl.exe, then HAL.dll (MmGetSystemRoutineAddress's search). */
const void *exports_find(const char *name);

#endif
