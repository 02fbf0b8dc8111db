/* A line editor for the host tests, with its echo kept in a buffer (test_lineedit.c, test_complete.c). */
#ifndef PAGODA_LINEEDIT_HARNESS_H
#define PAGODA_LINEEDIT_HARNESS_H

#include "shell/lineedit.h"

extern struct lineedit edit;
extern char edit_echo[2048];

/* A fresh editor with prompt "p> " and an empty echo. */
void edit_start(void);
/* Forgets the echo so far. */
void edit_clear_echo(void);
/* Feeds bytes; returns the result of the last one. */
enum lineedit_result edit_feed(const char *bytes, size_t n);
/* The same for byte strings without NUL. */
enum lineedit_result edit_keys(const char *keys);
/* A fresh editor given keys: true if they end a line, and it reads `line`. */
bool edit_makes(const char *keys, const char *line);

#endif
