/* The shape of an export table (drivers/exports_*.c): each routine with the convention the x86 WDK
 * declares it with, so tools/implib.py can make the import libraries from the same lines. */
#ifndef PAGODA_EXPORT_TABLE_H
#define PAGODA_EXPORT_TABLE_H

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
/* Exported under the WDK's name, implemented under another (where Pagoda's own code has an inline of
 * that name, e.g. KeGetCurrentIrql). */
#define EXPORT_STDCALL_AS(name, fn, bytes) { #name, (const void *)(fn), EXPORT_STDCALL, bytes }
#define EXPORT_CDECL_AS(name, fn) { #name, (const void *)(fn), EXPORT_CDECL, 0 }

#endif
