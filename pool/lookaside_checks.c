#include "pool/lookaside_checks.h"

#include "kernel/bugcheck.h"
#include "pool/lookaside.h"
#include "pool/verifier.h"

static bool verified(unsigned owner)
{
    return verifier_checks(verifier_driver_numbered(owner));
}

unsigned lookaside_check_initialize(const GENERAL_LOOKASIDE *l, SIZE_T size, const void *caller)
{
    unsigned owner = driver_code_owner(caller);
    if (!verified(owner))
        return owner;
    if (lookaside_wdk_live(l))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_LOOKASIDE_REINITIALIZED, (ULONG_PTR)l, 0, 0);
    if (size < sizeof(SLIST_ENTRY))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_LOOKASIDE_TOO_SMALL, (ULONG_PTR)l, size,
                     sizeof(SLIST_ENTRY));
    return owner;
}

void lookaside_check_delete(const GENERAL_LOOKASIDE *l, const void *caller)
{
    if (verified(driver_code_owner(caller)) && !lookaside_wdk_live(l))
        KeBugCheckEx(BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, VERIFIER_LOOKASIDE_NOT_INITIALIZED, (ULONG_PTR)l, 0,
                     0);
}

bool lookaside_caches_for(unsigned owner)
{
    return !verified(owner);
}
