/* IoAllocateMdl and IoFreeMdl: an MDL from nonpaged pool, initialized as the WDK's MmInitializeMdl
 * does (mm/mdl.c fills and maps it), and linked to an IRP when one is given. */
#include "kernel/wdm.h"

#define TAG_MDL ' ldM' /* "Mdl ", Windows' tag */
#define MDL_BYTES_MAX 0xFFFFF000u /* 4 GB - PAGE_SIZE, the limit since Windows 7 */

PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp)
{
    (void)ChargeQuota; /* no quotas */
    if (Length > MDL_BYTES_MAX)
        return 0;
    SIZE_T size = MmSizeOfMdl(VirtualAddress, Length);
    PMDL mdl = ExAllocatePoolWithTag(NonPagedPool, size, TAG_MDL);
    if (!mdl)
        return 0;
    *mdl = (MDL){ .Size = (CSHORT)size,
                  .StartVa = (PVOID)((uintptr_t)VirtualAddress & ~0xFFFu),
                  .ByteCount = Length,
                  .ByteOffset = (uintptr_t)VirtualAddress & 0xFFF };
    if (Irp) {
        PMDL *link = &Irp->MdlAddress;
        while (SecondaryBuffer && *link)
            link = &(*link)->Next;
        *link = mdl;
    }
    return mdl;
}

VOID NTAPI IoFreeMdl(PMDL Mdl)
{
    ExFreePoolWithTag(Mdl, TAG_MDL);
}
