/* Driver Verifier's switches from the console (cmd_verifier.c). */
#ifndef PAGODA_CMD_VERIFIER_H
#define PAGODA_CMD_VERIFIER_H

int cmd_verifier(int argc, char **argv);

#endif
