/* Where a debugger learns that a driver image came or is about to go: Pagoda's GDB helpers
 * (tools/gdb/pagoda/drivers.py) break at this function's first instruction, load or drop the image's
 * symbols (or take their breakpoints out of INIT pages about to go), and let the kernel go on. It does
 * nothing else. */
#ifndef PAGODA_DRIVER_DEBUG_H
#define PAGODA_DRIVER_DEBUG_H

struct driver;

enum driver_debug_event {
    DRIVER_DEBUG_MAPPED,         /* mapped, relocated and linked; DriverEntry comes next */
    DRIVER_DEBUG_INIT_RELEASING, /* DriverEntry succeeded; its INIT pages are unmapped on return */
    DRIVER_DEBUG_UNMAPPING,      /* still mapped; unmapped on return (after DriverUnload or a failed DriverEntry) */
};

void driver_debug_event(const struct driver *d, enum driver_debug_event event);

#endif
