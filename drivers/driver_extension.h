/* The public head of the WDK's DRIVER_EXTENSION (x86: 0x14 bytes), which kernel/wdm.h leaves opaque:
 * WDM drivers set AddDevice through it, and reinitialization counts its calls in Count. */
#ifndef PAGODA_DRIVER_EXTENSION_H
#define PAGODA_DRIVER_EXTENSION_H

#include "kernel/wdm.h"

struct driver_extension {
    PDRIVER_OBJECT DriverObject;
    PVOID AddDevice;
    ULONG Count;
    UNICODE_STRING ServiceKeyName;
};

#endif
