/* The GDB stub's q packets that need nothing of the stopped machine: qSupported, the target
 * description (qXfer:features:read), qAttached and the like. Portable, tested on the host. */
#ifndef PAGODA_GDB_QUERY_H
#define PAGODA_GDB_QUERY_H

#include "kernel/gdb_packet.h"

/* Answers pkt (a q packet) in r. For qRcmd it answers nothing and returns the command's hex in *cmd
 * (*cmd_len bytes) for the caller to run; otherwise *cmd is 0. */
void gdb_query(struct gdb_reply *r, const uint8_t *pkt, size_t len, const char *target_xml,
               const uint8_t **cmd, size_t *cmd_len);

#endif
