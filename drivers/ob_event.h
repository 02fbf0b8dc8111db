/* Event objects drivers reach through handles and names (ZwCreateEvent, IoCreateNotificationEvent): a
 * KEVENT in nonpaged pool that counts its references (drivers/ob_named.h), found by name while it lives. */
#ifndef PAGODA_OB_EVENT_H
#define PAGODA_OB_EVENT_H

#include <stdbool.h>

#include "kernel/wdm.h"

#define OB_EVENT_TAG 0x6E657645u /* 'Even', the tag Windows' event objects carry */

/* The event type, *ExEventObjectType. */
extern struct _OBJECT_TYPE ob_event_type;

/* Whether object is a live event object (not a KEVENT a driver initialized in its own memory). */
bool ob_event_at(PVOID object);

#endif
