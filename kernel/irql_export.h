/* The stdcall IRQL routines HAL.dll exports under the names Pagoda's own code gets inline
 * (KeGetCurrentIrql, KeRaiseIrql, KeLowerIrql, KeRaiseIrqlToDpcLevel): the export tables name them. */
#ifndef PAGODA_IRQL_EXPORT_H
#define PAGODA_IRQL_EXPORT_H

#include "kernel/wdm.h"

KIRQL NTAPI irql_export_get_current(VOID);
VOID NTAPI irql_export_raise(KIRQL NewIrql, PKIRQL OldIrql);
VOID NTAPI irql_export_lower(KIRQL NewIrql);
KIRQL NTAPI irql_export_raise_to_dpc(VOID);

#endif
