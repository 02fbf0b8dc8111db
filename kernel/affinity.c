/* A thread's system affinity, as drivers set it for a while and revert: one processor, so any valid mask
 * names it and nothing moves; the mask is kept per thread so that what the Ex forms return and restore is
 * what Windows' do (0 while the thread runs with its user affinity). */
#include "kernel/thread.h"

#define ACTIVE 1u /* the one processor's bit */

/* Windows changes nothing for a mask with a bit beyond the processors or none active. */
static bool valid(KAFFINITY mask)
{
    return mask && !(mask & ~(KAFFINITY)ACTIVE);
}

static void set(KAFFINITY mask)
{
    if (valid(mask))
        KeGetCurrentThread()->system_affinity = mask;
}

VOID NTAPI KeSetSystemAffinityThread(KAFFINITY Affinity)
{
    set(Affinity);
}

VOID NTAPI KeRevertToUserAffinityThread(VOID)
{
    KeGetCurrentThread()->system_affinity = 0;
}

KAFFINITY NTAPI KeSetSystemAffinityThreadEx(KAFFINITY Affinity)
{
    KAFFINITY previous = KeGetCurrentThread()->system_affinity;
    set(Affinity);
    return previous;
}

/* 0 (what the first KeSetSystemAffinityThreadEx returned): back to the user affinity. */
VOID NTAPI KeRevertToUserAffinityThreadEx(KAFFINITY Affinity)
{
    if (Affinity)
        set(Affinity);
    else
        KeRevertToUserAffinityThread();
}

VOID NTAPI KeSetSystemGroupAffinityThread(PGROUP_AFFINITY Affinity, PGROUP_AFFINITY PreviousAffinity)
{
    KAFFINITY previous = KeGetCurrentThread()->system_affinity;
    if (Affinity->Group == 0)
        set(Affinity->Mask);
    if (PreviousAffinity)
        *PreviousAffinity = (GROUP_AFFINITY){ .Mask = previous };
}

VOID NTAPI KeRevertToUserGroupAffinityThread(PGROUP_AFFINITY PreviousAffinity)
{
    if (PreviousAffinity->Group == 0)
        KeRevertToUserAffinityThreadEx(PreviousAffinity->Mask);
}
