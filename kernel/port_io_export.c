/* HAL.dll's port I/O as drivers import it: READ_PORT_UCHAR/USHORT/ULONG, WRITE_PORT_*, and the
 * READ/WRITE_PORT_BUFFER_* string forms, each width from one body. Ports are 16-bit; the WDK passes
 * them as pointers. */
#include "kernel/wdm.h"

#define PORT(p) ((USHORT)(ULONG_PTR)(p))

/* name suffix, C type, the in/out instruction's size letter */
#define PORT_ROUTINES(suffix, type, letter)                                                                  \
    type NTAPI READ_PORT_##suffix(type *Port)                                                                \
    {                                                                                                        \
        type value;                                                                                          \
        __asm__ volatile("in" letter " %w1, %0" : "=a"(value) : "Nd"(PORT(Port)));                           \
        return value;                                                                                        \
    }                                                                                                        \
    VOID NTAPI WRITE_PORT_##suffix(type *Port, type Value)                                                   \
    {                                                                                                        \
        __asm__ volatile("out" letter " %0, %w1" : : "a"(Value), "Nd"(PORT(Port)));                          \
    }                                                                                                        \
    VOID NTAPI READ_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count)                              \
    {                                                                                                        \
        for (ULONG i = 0; i < Count; i++)                                                                    \
            Buffer[i] = READ_PORT_##suffix(Port);                                                            \
    }                                                                                                        \
    VOID NTAPI WRITE_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count)                             \
    {                                                                                                        \
        for (ULONG i = 0; i < Count; i++)                                                                    \
            WRITE_PORT_##suffix(Port, Buffer[i]);                                                            \
    }

PORT_ROUTINES(UCHAR, UCHAR, "b")
PORT_ROUTINES(USHORT, USHORT, "w")
PORT_ROUTINES(ULONG, ULONG, "l")
