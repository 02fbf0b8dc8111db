/* Callback objects (ExCreateCallback, ExRegisterCallback, ExNotifyCallback): named or unnamed objects
 * that count their references, each with the routines registered on it; the system's own
 * (\Callback\SetSystemTime, \Callback\PowerState, \Callback\ProcessorAdd) live as long as the kernel. */
#ifndef PAGODA_EX_CALLBACK_H
#define PAGODA_EX_CALLBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

#define EX_CALLBACK_TAG 0x6C6C6143u              /* 'Call', the tag Windows' callback objects carry */
#define EX_CALLBACK_REGISTRATION_TAG 0x67655243u /* 'CReg' */

/* The callback object type, *ExCallbackObjectType. */
extern struct _OBJECT_TYPE ex_callback_type;

/* The system's callback objects join the namespace (at boot). */
void ex_callback_init(void);
/* Whether object is a live callback object (its references: drivers/ob_named.h). */
bool ex_callback_at(PVOID object);
/* A driver unloading: each registration whose routine lies in [lo, hi), the image about to go, is
 * reported as driver's and removed (as ExUnregisterCallback), so that no notify ever calls into the
 * unmapped image. How many. */
unsigned ex_callback_remove_left(uintptr_t lo, uintptr_t hi, const char *driver);

#endif
