/* Commands about the kernel and the machine (cmd_kernel.c). */
#ifndef PAGODA_CMD_KERNEL_H
#define PAGODA_CMD_KERNEL_H

int cmd_irql(int argc, char **argv);
int cmd_uptime(int argc, char **argv);
int cmd_poweroff(int argc, char **argv);
int cmd_crash(int argc, char **argv);
int cmd_bugcheck(int argc, char **argv);

#endif
