/* Return addresses up the current thread's stack: RtlWalkFrameChain, RtlCaptureStackBackTrace and
 * RtlGetCallersAddress, along the EBP chain ([ebp] the caller's frame pointer, [ebp+4] the return
 * address), as x86 Windows walks it. The walk stays inside the thread's stack (IoGetStackLimits) and
 * stops at a frame pointer outside it, misaligned or not above the one before: code built without
 * frame pointers (mingw-w64's -O2 omits them unless told -fno-omit-frame-pointer) ends it early, as
 * frame-pointer-omitted code ends Windows' walk; Pagoda's own code keeps them. */
#include "kernel/wdm.h"

#define RTL_WALK_USER_MODE_STACK 1

/* Up to count return addresses into out after skipping skip, from the frame at ebp; how many. */
static ULONG walk(uintptr_t ebp, ULONG skip, PVOID *out, ULONG count)
{
    ULONG_PTR low, high;
    IoGetStackLimits(&low, &high);
    ULONG n = 0;
    while (n < count && ebp >= low && ebp + 2 * sizeof(uintptr_t) <= high && !(ebp & 3)) {
        uintptr_t next = ((const uintptr_t *)ebp)[0], ret = ((const uintptr_t *)ebp)[1];
        if (!ret)
            break;
        if (skip)
            skip--;
        else
            out[n++] = (PVOID)ret;
        if (next <= ebp)
            break;
        ebp = next;
    }
    return n;
}

/* Callers[0] is the return address into this routine's caller. There is no user-mode stack: Flags
 * asking for one (RTL_WALK_USER_MODE_STACK) get none. */
__attribute__((noinline)) ULONG NTAPI RtlWalkFrameChain(PVOID *Callers, ULONG Count, ULONG Flags)
{
    if (Flags & RTL_WALK_USER_MODE_STACK)
        return 0;
    return walk((uintptr_t)__builtin_frame_address(0), 0, Callers, Count);
}

/* FramesToSkip 0: BackTrace[0] is the return address into the caller. The hash is the sum of the
 * addresses captured, the same for the same back trace. */
__attribute__((noinline)) USHORT NTAPI RtlCaptureStackBackTrace(ULONG FramesToSkip, ULONG FramesToCapture,
                                                                PVOID *BackTrace, PULONG BackTraceHash)
{
    ULONG n = walk((uintptr_t)__builtin_frame_address(0), FramesToSkip, BackTrace, FramesToCapture);
    if (BackTraceHash) {
        ULONG hash = 0;
        for (ULONG i = 0; i < n; i++)
            hash += (ULONG)(uintptr_t)BackTrace[i];
        *BackTraceHash = hash;
    }
    return (USHORT)n;
}

/* The return addresses of the routine that called this one (into its caller) and of that caller; NULL
 * for one the walk cannot reach. */
__attribute__((noinline)) VOID NTAPI RtlGetCallersAddress(PVOID *CallersAddress, PVOID *CallersCaller)
{
    PVOID found[2] = { 0, 0 };
    walk((uintptr_t)__builtin_frame_address(0), 1, found, 2);
    *CallersAddress = found[0];
    *CallersCaller = found[1];
}
