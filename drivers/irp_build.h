/* The I/O manager's side of the IRPs it builds (IoBuild*, drivers/irp_build.c): what completion does
 * past the top of the stack. */
#ifndef PAGODA_DRIVERS_IRP_BUILD_H
#define PAGODA_DRIVERS_IRP_BUILD_H

#include "kernel/wdm.h"

/* Called when completion has left the top stack location: a buffered read copied back, the system
 * buffer freed, the MDLs unlocked and freed; a synchronous IRP's status block filled, its event set
 * and the IRP freed. Nothing for an IRP the I/O manager did not build (no Tail.Overlay.Thread). */
void irp_build_finish(PIRP irp);

#endif
