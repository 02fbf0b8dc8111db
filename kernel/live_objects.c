#include "kernel/live_objects.h"

volatile uint32_t live_objects;
