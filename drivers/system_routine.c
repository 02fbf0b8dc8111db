/* MmGetSystemRoutineAddress: an export of ntoskrnl.exe or HAL.dll by name, from the same tables the
 * loader resolves imports with. The tables hold this routine, so it reaches them through the finder
 * boot hands it (drivers/exports.c's exports_find), not by name: no circle of modules. */
#include "drivers/system_routine.h"

#define ROUTINE_NAME_MAX 128

static system_routine_finder finder;

void system_routine_set_finder(system_routine_finder find)
{
    finder = find;
}

PVOID NTAPI MmGetSystemRoutineAddress(PUNICODE_STRING SystemRoutineName)
{
    char name[ROUTINE_NAME_MAX];
    USHORT n = SystemRoutineName->Length / sizeof(WCHAR);
    if (!finder || n >= sizeof name)
        return NULL;
    for (USHORT i = 0; i < n; i++) {
        WCHAR c = SystemRoutineName->Buffer[i];
        if (c == 0 || c > 0x7F)
            return NULL; /* export names are ASCII */
        name[i] = (char)c;
    }
    name[n] = 0;
    return (PVOID)finder(name);
}
