/* The one lock pool_locks.h describes: its rules live there, next to the calls that take it. */
#include "pool/pool_locks.h"

KSPIN_LOCK pool_spinlock;
