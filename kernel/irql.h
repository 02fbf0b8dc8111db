/* IRQL: the interrupt priority of the running code, with NT x86's numbering and names.
 * Raising records the new level; lowering checks the rule. (The IRQL issue ties this to the PIC.) */
#ifndef PAGODA_IRQL_H
#define PAGODA_IRQL_H

#include "wdm.h"

/* The name of a level ("DISPATCH_LEVEL", "DIRQL(IRQ 4)" style names for device levels). */
const char *irql_name(KIRQL irql);
/* Parses a level given by number or by name; returns false if it is neither. */
int irql_parse(const char *s, KIRQL *out);

#endif
