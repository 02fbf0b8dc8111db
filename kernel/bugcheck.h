/* The bugcheck: KeBugCheckEx's STOP screen on COM1 and VGA, then the action chosen by onbugcheck=. */
#ifndef PAGODA_BUGCHECK_H
#define PAGODA_BUGCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/trap.h"
#include "kernel/wdm.h"

#define BUGCHECK_IRQL_NOT_GREATER_OR_EQUAL 0x09
#define BUGCHECK_IRQL_NOT_LESS_OR_EQUAL 0x0A
#define BUGCHECK_MAXIMUM_WAIT_OBJECTS_EXCEEDED 0x0C
#define BUGCHECK_SPIN_LOCK_ALREADY_OWNED 0x0F
#define BUGCHECK_SPIN_LOCK_NOT_OWNED 0x10
#define BUGCHECK_REFERENCE_BY_POINTER 0x18
#define BUGCHECK_BAD_POOL_HEADER 0x19
#define BUGCHECK_MEMORY_MANAGEMENT 0x1A
#define BUGCHECK_KMODE_EXCEPTION_NOT_HANDLED 0x1E
#define BUGCHECK_KERNEL_APC_PENDING_DURING_EXIT 0x20
#define BUGCHECK_NO_MORE_IRP_STACK_LOCATIONS 0x35
#define BUGCHECK_CANCEL_STATE_IN_COMPLETED_IRP 0x48
#define BUGCHECK_NO_MORE_SYSTEM_PTES 0x3F
#define BUGCHECK_MUST_SUCCEED_POOL_EMPTY 0x41
#define BUGCHECK_MULTIPLE_IRP_COMPLETE_REQUESTS 0x44
#define BUGCHECK_NO_PAGES_AVAILABLE 0x4D
#define BUGCHECK_PFN_LIST_CORRUPT 0x4E
#define PFN_LIST_CORRUPT_UNLOCKED_TOO_OFTEN 0x07 /* (pfn, share count, 0) */
#define PFN_LIST_CORRUPT_FREED_LOCKED 0x9A     /* (pfn, page state, lock count) */
#define BUGCHECK_PAGE_FAULT_IN_NONPAGED_AREA 0x50
#define BUGCHECK_KERNEL_DATA_INPAGE_ERROR 0x7A
#define BUGCHECK_UNEXPECTED_KERNEL_MODE_TRAP 0x7F
#define BUGCHECK_INVALID_KERNEL_HANDLE 0x93
#define BUGCHECK_ATTEMPTED_WRITE_TO_READONLY_MEMORY 0xBE
#define BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION 0xC1
#define BUGCHECK_BAD_POOL_CALLER 0xC2
#define BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4
#define BUGCHECK_TIMER_OR_DPC_INVALID 0xC7
#define BUGCHECK_PAGE_FAULT_IN_FREED_SPECIAL_POOL 0xCC
#define BUGCHECK_PAGE_FAULT_BEYOND_END_OF_ALLOCATION 0xCD
#define BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS 0xCE
#define BUGCHECK_DRIVER_IRQL_NOT_LESS_OR_EQUAL 0xD1
#define BUGCHECK_SYSTEM_PTE_MISUSE 0xDA
#define BUGCHECK_MANUALLY_INITIATED_CRASH 0xE2
#define BUGCHECK_WORKER_THREAD_RETURNED_AT_BAD_IRQL 0xE1
#define BUGCHECK_RESOURCE_NOT_OWNED 0xE3
#define BUGCHECK_WORKER_INVALID 0xE4
#define BUGCHECK_INVALID_FLOATING_POINT_STATE 0xE7
#define BUGCHECK_DRIVER_RETURNED_HOLDING_CANCEL_LOCK 0x11B
#define BUGCHECK_THREAD_TERMINATE_HELD_MUTEX 0x4000008A

/* What follows the STOP screen (the boot option onbugcheck=). */
enum bugcheck_action { ONBUGCHECK_HALT, ONBUGCHECK_EXIT, ONBUGCHECK_DEBUG };
void bugcheck_set_action(enum bugcheck_action action);
/* What onbugcheck=debug enters after the screen (the GDB stub; boot registers it, as the stub sits
 * beside the trap code this module serves). */
typedef void (*bugcheck_debugger)(void);
void bugcheck_set_debugger(bugcheck_debugger d);
/* A driver image as the STOP screen names it. */
struct bugcheck_image {
    const char *name; /* the module's name, without ".sys" */
    uint32_t base, timestamp;
};
/* Describes the driver image holding an address; false when none does. Boot sets it, so that the
 * screen says which driver a trap's instruction belongs to, as Windows does:
 * "*** <name>.sys - Address <addr> base at <base>, DateStamp <stamp>". */
typedef bool (*bugcheck_namer)(uint32_t address, struct bugcheck_image *image);
void bugcheck_set_namer(bugcheck_namer namer);
/* The symbolic name of a code, or NULL for one we do not know. */
const char *bugcheck_name(uint32_t code);
/* An exception Windows raises with this status (a failed must-raise allocation, a mutex released by
 * a thread that does not own it...), which nothing in Pagoda can catch: 0x1E KMODE_EXCEPTION_NOT_HANDLED
 * (status, the address that raised it), as Windows stops when no handler takes it. */
__attribute__((noreturn, cold)) static inline void bugcheck_unhandled_status(NTSTATUS status, const void *address)
{
    KeBugCheckEx(BUGCHECK_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)status, (ULONG_PTR)address, 0, 0);
}
/* KeBugCheckEx with the register dump of the trap that led here. */
__attribute__((noreturn)) void bugcheck_from_trap(uint32_t code, uint32_t p1, uint32_t p2, uint32_t p3,
                                                  uint32_t p4, const struct trap_frame *frame);

#endif
