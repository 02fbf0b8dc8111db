/* The kernel functions shell/args.c calls, for the host tests: the error line is kept, not printed. */
#ifndef PAGODA_KERNEL_STUBS_H
#define PAGODA_KERNEL_STUBS_H

/* The last console_error message, without its "error: " (empty before the first). */
extern char kernel_stubs_error[256];

#endif
