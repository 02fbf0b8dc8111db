/* The system-PTE range behind MmMapIoSpace (kernel/wdm.h). */
#ifndef PAGODA_MM_IOSPACE_H
#define PAGODA_MM_IOSPACE_H

void iospace_init(void);

#endif
