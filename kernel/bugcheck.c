#include "kernel/bugcheck.h"

#include "hal/cpu.h"
#include "hal/qemu_exit.h"
#include "hal/vga.h"
#include "kernel/bugcheck_callback.h"
#include "kernel/console.h"
#include "kernel/wdm.h"

static enum bugcheck_action stop_action = ONBUGCHECK_HALT;
static volatile int in_bugcheck;

static const struct {
    uint32_t code;
    const char *name;
} names[] = {
    { BUGCHECK_IRQL_NOT_GREATER_OR_EQUAL, "IRQL_NOT_GREATER_OR_EQUAL" },
    { BUGCHECK_IRQL_NOT_LESS_OR_EQUAL, "IRQL_NOT_LESS_OR_EQUAL" },
    { BUGCHECK_MAXIMUM_WAIT_OBJECTS_EXCEEDED, "MAXIMUM_WAIT_OBJECTS_EXCEEDED" },
    { BUGCHECK_SPIN_LOCK_ALREADY_OWNED, "SPIN_LOCK_ALREADY_OWNED" },
    { BUGCHECK_SPIN_LOCK_NOT_OWNED, "SPIN_LOCK_NOT_OWNED" },
    { BUGCHECK_REFERENCE_BY_POINTER, "REFERENCE_BY_POINTER" },
    { BUGCHECK_BAD_POOL_HEADER, "BAD_POOL_HEADER" },
    { BUGCHECK_MEMORY_MANAGEMENT, "MEMORY_MANAGEMENT" },
    { BUGCHECK_KMODE_EXCEPTION_NOT_HANDLED, "KMODE_EXCEPTION_NOT_HANDLED" },
    { BUGCHECK_KERNEL_APC_PENDING_DURING_EXIT, "KERNEL_APC_PENDING_DURING_EXIT" },
    { BUGCHECK_NO_MORE_IRP_STACK_LOCATIONS, "NO_MORE_IRP_STACK_LOCATIONS" },
    { BUGCHECK_NO_MORE_SYSTEM_PTES, "NO_MORE_SYSTEM_PTES" },
    { BUGCHECK_MUST_SUCCEED_POOL_EMPTY, "MUST_SUCCEED_POOL_EMPTY" },
    { BUGCHECK_MULTIPLE_IRP_COMPLETE_REQUESTS, "MULTIPLE_IRP_COMPLETE_REQUESTS" },
    { BUGCHECK_CANCEL_STATE_IN_COMPLETED_IRP, "CANCEL_STATE_IN_COMPLETED_IRP" },
    { BUGCHECK_NO_PAGES_AVAILABLE, "NO_PAGES_AVAILABLE" },
    { BUGCHECK_PFN_LIST_CORRUPT, "PFN_LIST_CORRUPT" },
    { BUGCHECK_PAGE_FAULT_IN_NONPAGED_AREA, "PAGE_FAULT_IN_NONPAGED_AREA" },
    { BUGCHECK_KERNEL_DATA_INPAGE_ERROR, "KERNEL_DATA_INPAGE_ERROR" },
    { BUGCHECK_UNEXPECTED_KERNEL_MODE_TRAP, "UNEXPECTED_KERNEL_MODE_TRAP" },
    { BUGCHECK_INVALID_KERNEL_HANDLE, "INVALID_KERNEL_HANDLE" },
    { BUGCHECK_ATTEMPTED_WRITE_TO_READONLY_MEMORY, "ATTEMPTED_WRITE_TO_READONLY_MEMORY" },
    { BUGCHECK_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, "SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION" },
    { BUGCHECK_BAD_POOL_CALLER, "BAD_POOL_CALLER" },
    { BUGCHECK_DRIVER_VERIFIER_DETECTED_VIOLATION, "DRIVER_VERIFIER_DETECTED_VIOLATION" },
    { BUGCHECK_TIMER_OR_DPC_INVALID, "TIMER_OR_DPC_INVALID" },
    { BUGCHECK_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS,
      "DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS" },
    { BUGCHECK_DRIVER_IRQL_NOT_LESS_OR_EQUAL, "DRIVER_IRQL_NOT_LESS_OR_EQUAL" },
    { BUGCHECK_SYSTEM_PTE_MISUSE, "SYSTEM_PTE_MISUSE" },
    { BUGCHECK_PAGE_FAULT_IN_FREED_SPECIAL_POOL, "PAGE_FAULT_IN_FREED_SPECIAL_POOL" },
    { BUGCHECK_PAGE_FAULT_BEYOND_END_OF_ALLOCATION, "PAGE_FAULT_BEYOND_END_OF_ALLOCATION" },
    { BUGCHECK_MANUALLY_INITIATED_CRASH, "MANUALLY_INITIATED_CRASH" },
    { BUGCHECK_WORKER_THREAD_RETURNED_AT_BAD_IRQL, "WORKER_THREAD_RETURNED_AT_BAD_IRQL" },
    { BUGCHECK_RESOURCE_NOT_OWNED, "RESOURCE_NOT_OWNED" },
    { BUGCHECK_DRIVER_RETURNED_HOLDING_CANCEL_LOCK, "DRIVER_RETURNED_HOLDING_CANCEL_LOCK" },
    { BUGCHECK_WORKER_INVALID, "WORKER_INVALID" },
    { BUGCHECK_INVALID_FLOATING_POINT_STATE, "INVALID_FLOATING_POINT_STATE" },
    { BUGCHECK_THREAD_TERMINATE_HELD_MUTEX, "THREAD_TERMINATE_HELD_MUTEX" },
};

void bugcheck_set_action(enum bugcheck_action action)
{
    stop_action = action;
}

static bugcheck_namer namer;
static bugcheck_debugger debugger;

void bugcheck_set_debugger(bugcheck_debugger d)
{
    debugger = d;
}

void bugcheck_set_namer(bugcheck_namer n)
{
    namer = n;
}

const char *bugcheck_name(uint32_t code)
{
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == code)
            return names[i].name;
    return 0;
}

static void dump_registers(const struct trap_frame *f)
{
    uint32_t cr0 = cpu_read_cr0(), cr2 = cpu_read_cr2(), cr3 = cpu_read_cr3();
    kprintf("trap 0x%02x error 0x%08x at eip=0x%08x cs=0x%04x eflags=0x%08x\n", f->vector, f->error_code,
            f->eip, f->cs, f->eflags);
    kprintf("eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", f->eax, f->ebx, f->ecx, f->edx);
    kprintf("esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n", f->esi, f->edi, f->ebp,
            f->vector == 8 ? f->esp_at_pushad : trap_frame_esp(f));
    kprintf("cr0=0x%08x cr2=0x%08x cr3=0x%08x\n", cr0, cr2, cr3);
}

/* Return addresses up the frame-pointer chain, as far as it stays inside the kernel's low map. */
static void backtrace(uint32_t ebp)
{
    kprintf("backtrace:");
    for (int depth = 0; depth < 16; depth++) {
        if (ebp < 0x80000000u || ebp >= 0x81000000u || (ebp & 3))
            break;
        const uint32_t *frame = (const uint32_t *)ebp;
        kprintf(" 0x%08x", frame[1]);
        if (frame[0] <= ebp)
            break;
        ebp = frame[0];
    }
    kprintf("\n");
}

void bugcheck_from_trap(uint32_t code, uint32_t p1, uint32_t p2, uint32_t p3, uint32_t p4,
                        const struct trap_frame *frame)
{
    cpu_disable_interrupts();
    if (in_bugcheck++) {
        /* A callback's fault goes back to the walk of callbacks (a double fault runs on its own task, which
         * cannot go back); one while printing the screen leaves nothing better to do. */
        if (code != BUGCHECK_UNEXPECTED_KERNEL_MODE_TRAP || p1 != 8)
            bugcheck_callback_fault(code, p1, p2, p3, p4);
        cpu_stop();
    }

    console_flush_deferred(); /* a DPC's DbgPrint just before the stop, as a debugger would have shown it */
    vga_clear(VGA_ATTR_BUGCHECK);
    kprintf("\n*** STOP: 0x%08X (0x%08X,0x%08X,0x%08X,0x%08X)\n", code, p1, p2, p3, p4);
    const char *name = bugcheck_name(code);
    kprintf("%s\n", name ? name : "(unknown bugcheck code)");
    struct bugcheck_image image;
    if (frame && namer && namer(frame->eip, &image))
        kprintf("*** %s.sys - Address %08X base at %08X, DateStamp %08x\n", image.name, frame->eip, image.base,
                image.timestamp);
    if (frame) {
        dump_registers(frame);
        backtrace(frame->ebp);
    } else {
        uint32_t ebp;
        __asm__ volatile("mov %%ebp, %0" : "=r"(ebp));
        backtrace(ebp);
    }
    /* The callbacks run at HIGH_LEVEL, as the STOP does on Windows: set directly, since a raise's check
     * consults the IRQL checker's ceiling. */
    irql_state.current = HIGH_LEVEL;
    bugcheck_callbacks_run();

    switch (stop_action) {
    case ONBUGCHECK_EXIT:
        kprintf("onbugcheck=exit: leaving QEMU\n");
        qemu_exit(QEMU_EXIT_BUGCHECK);
    case ONBUGCHECK_DEBUG:
        if (debugger) {
            kprintf("onbugcheck=debug: waiting for GDB on COM2\n");
            debugger();
        }
        kprintf("onbugcheck=debug: no debugger; halting\n");
        break;
    case ONBUGCHECK_HALT:
        kprintf("System halted.\n");
        break;
    }
    cpu_stop();
}

VOID NTAPI KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1, ULONG_PTR BugCheckParameter2,
                  ULONG_PTR BugCheckParameter3, ULONG_PTR BugCheckParameter4)
{
    bugcheck_from_trap(BugCheckCode, BugCheckParameter1, BugCheckParameter2, BugCheckParameter3, BugCheckParameter4, 0);
}

VOID NTAPI KeBugCheck(ULONG BugCheckCode)
{
    bugcheck_from_trap(BugCheckCode, 0, 0, 0, 0, 0);
}
