/* HAL.dll's exports, as the x86 WDK declares each routine (tools/implib.py reads these lines). */
#include "kernel/wdm.h"
#include "drivers/export_table.h"

static const struct export_entry entries[] = {};

const struct export_dll hal_exports = { "HAL.dll", entries, sizeof entries / sizeof entries[0] };
