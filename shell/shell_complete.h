/* Gives the shell's line editor its TAB completion: the command table, the IRQL and driver names. */
#ifndef PAGODA_SHELL_COMPLETE_H
#define PAGODA_SHELL_COMPLETE_H

#include "shell/lineedit.h"

void shell_complete_attach(struct lineedit *le);
/* The IRQL names TAB offers, NULL-terminated: exactly those irql_parse accepts, in level order. */
const char *const *shell_complete_irql_names(void);

#endif
