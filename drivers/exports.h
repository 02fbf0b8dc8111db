/* What Pagoda exports to driver images: one table per DLL an image may import from (ntoskrnl.exe,
 * HAL.dll), read by the loader to resolve imports and by MmGetSystemRoutineAddress. Each entry says
 * how the WDK declares the routine, so tools/implib.py can make the import libraries drivers link
 * against from the same tables: a routine missing here fails at link time, with its name. */
#ifndef PAGODA_EXPORTS_H
#define PAGODA_EXPORTS_H

enum export_kind { EXPORT_STDCALL, EXPORT_FASTCALL, EXPORT_CDECL, EXPORT_DATA };

struct export_entry {
    const char *name;
    const void *address;
    unsigned char kind;      /* enum export_kind */
    unsigned char arg_bytes; /* stdcall and fastcall: the bytes of arguments (the @N of the decorated name) */
};

struct export_dll {
    const char *name; /* as an import directory names it: "ntoskrnl.exe", "HAL.dll" */
    const struct export_entry *entries;
    unsigned count;
};

/* One line per export in the tables (drivers/exports_*.c); tools/implib.py reads these lines. */
#define EXPORT_STDCALL(fn, bytes) { #fn, (const void *)(fn), EXPORT_STDCALL, bytes }
#define EXPORT_FASTCALL(fn, bytes) { #fn, (const void *)(fn), EXPORT_FASTCALL, bytes }
#define EXPORT_CDECL(fn) { #fn, (const void *)(fn), EXPORT_CDECL, 0 }
#define EXPORT_DATA(var) { #var, (const void *)&(var), EXPORT_DATA, 0 }

extern const struct export_dll ntoskrnl_exports, hal_exports;

/* The DLL of that name (case ignored, as Windows' loader does), or NULL. */
const struct export_dll *exports_dll(const char *name);
/* The address of the export of that name, or NULL. */
const void *exports_lookup(const struct export_dll *dll, const char *name);

#endif
