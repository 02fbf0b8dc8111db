# The console (issue 6): its freestanding parts also build for the host unit tests.
HOST_LIB_C += kernel/history.c
HOST_LIB_C += kernel/lib/kargs.c
HOST_LIB_C += kernel/complete.c
