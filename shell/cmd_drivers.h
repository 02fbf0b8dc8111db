/* The built-in drivers from the console (cmd_drivers.c). */
#ifndef PAGODA_CMD_DRIVERS_H
#define PAGODA_CMD_DRIVERS_H

int cmd_drivers(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_unload(int argc, char **argv);

#endif
