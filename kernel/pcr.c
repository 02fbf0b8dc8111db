#include "kernel/pcr.h"

#include <stddef.h>

#include "kernel/thread.h"

#define EXCEPTION_CHAIN_END 0xFFFFFFFFu /* no SEH frame: Pagoda has no SEH */
#define PCR_VERSION 1

/* KPCR up to the KPRCB's CurrentThread, at Windows' offsets; the parts nobody reads stay zero. Irql is
 * not kept here (KeGetCurrentIrql is HAL.dll's export on x86, and drivers call it). */
struct kpcr {
    uint32_t exception_list;     /* 0x00 NtTib.ExceptionList */
    uint32_t tib[5];             /* 0x04 stack base and limit, SubSystemTib, FiberData, ArbitraryUserPointer */
    struct kpcr *tib_self;       /* 0x18 NtTib.Self */
    struct kpcr *self_pcr;       /* 0x1C */
    void *prcb;                  /* 0x20 */
    uint8_t irql_unused[0x44 - 0x24];
    uint16_t major_version;      /* 0x44 */
    uint16_t minor_version;      /* 0x46 */
    uint32_t set_member;         /* 0x48 the processor's affinity bit */
    uint32_t stall_scale_factor; /* 0x4C */
    uint8_t spare;               /* 0x50 */
    uint8_t number;              /* 0x51 KeGetCurrentProcessorNumber */
    uint8_t rest[0x120 - 0x52];
    uint16_t prcb_minor_version; /* 0x120 the KPRCB */
    uint16_t prcb_major_version; /* 0x122 */
    struct _KTHREAD *current_thread; /* 0x124 */
};

_Static_assert(offsetof(struct kpcr, self_pcr) == 0x1C && offsetof(struct kpcr, number) == 0x51 &&
                   offsetof(struct kpcr, current_thread) == 0x124, "x86 Windows' KPCR offsets");

static struct kpcr pcr = {
    .exception_list = EXCEPTION_CHAIN_END,
    .tib_self = &pcr,
    .self_pcr = &pcr,
    .prcb = &pcr.prcb_minor_version,
    .major_version = PCR_VERSION,
    .minor_version = PCR_VERSION,
    .set_member = 1,
    .prcb_minor_version = PCR_VERSION,
    .prcb_major_version = PCR_VERSION,
    .current_thread = &ke_boot_thread,
};

uintptr_t pcr_base(void)
{
    return (uintptr_t)&pcr;
}

uint32_t pcr_size(void)
{
    return sizeof pcr;
}

void pcr_set_current_thread(struct _KTHREAD *thread)
{
    pcr.current_thread = thread;
}
