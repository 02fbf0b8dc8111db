#include "mm/mm_lock.h"

KSPIN_LOCK mm_pfn_lock;
