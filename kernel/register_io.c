/* ntoskrnl.exe's memory-mapped register access: READ_REGISTER_UCHAR/USHORT/ULONG, WRITE_REGISTER_*, and
 * the READ/WRITE_REGISTER_BUFFER_* forms, each width from one body. Every access is volatile; a write is
 * followed by a locked operation, as x86 Windows does, so it is not held in a write buffer. */
#include "kernel/wdm.h"

static inline void flush_write(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#define REGISTER_ROUTINES(suffix, type)                                                                      \
    type NTAPI READ_REGISTER_##suffix(volatile type *Register)                                               \
    {                                                                                                        \
        return *Register;                                                                                    \
    }                                                                                                        \
    VOID NTAPI WRITE_REGISTER_##suffix(volatile type *Register, type Value)                                  \
    {                                                                                                        \
        *Register = Value;                                                                                   \
        flush_write();                                                                                       \
    }                                                                                                        \
    VOID NTAPI READ_REGISTER_BUFFER_##suffix(volatile type *Register, type *Buffer, ULONG Count)             \
    {                                                                                                        \
        for (ULONG i = 0; i < Count; i++)                                                                    \
            Buffer[i] = *Register;                                                                           \
    }                                                                                                        \
    VOID NTAPI WRITE_REGISTER_BUFFER_##suffix(volatile type *Register, type *Buffer, ULONG Count)            \
    {                                                                                                        \
        for (ULONG i = 0; i < Count; i++)                                                                    \
            *Register = Buffer[i];                                                                           \
        flush_write();                                                                                       \
    }

REGISTER_ROUTINES(UCHAR, UCHAR)
REGISTER_ROUTINES(USHORT, USHORT)
REGISTER_ROUTINES(ULONG, ULONG)
