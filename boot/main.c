/* kmain: brings the machine up in dependency order, then runs the tests or the shell. */
#include "hal/cpu.h"
#include "hal/fpu.h"
#include "hal/page_sum.h"
#include "hal/pic.h"
#include "hal/qemu_exit.h"
#include "hal/uart.h"
#include "hal/vga.h"
#include "kernel/bench.h"
#include "kernel/bugcheck.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/gdb_stub.h"
#include "kernel/interrupt.h"
#include "kernel/irql.h"
#include "kernel/ktest.h"
#include "kernel/lib/kstring.h"
#include "kernel/system_time.h"
#include "kernel/thread.h"
#include "kernel/timer.h"
#include "kernel/trap.h"
#include "mm/boot_paging.h"
#include "mm/mm.h"
#include "drivers/driver.h"
#include "drivers/ex_callback.h"
#include "drivers/exports.h"
#include "drivers/image_paging.h"
#include "drivers/ps_notify.h"
#include "drivers/ramdisk.h"
#include "drivers/registry.h"
#include "drivers/serial.h"
#include "drivers/system_routine.h"
#include "shell/cmd_replay.h"
#include "shell/commands.h"
#include "shell/shell.h"
#include "boot/bootinfo.h"
#include "boot/cmdline.h"

static struct boot_options options;

static void report_cmdline(void *ctx, const char *line)
{
    (void)ctx;
    kprintf("cmdline: %s\n", line);
}

/* The Multiboot modules become the driver images `drivers` lists, or traces for `replay`. */
static void add_driver_images(void)
{
    bugcheck_set_namer(driver_describe_at);
    thread_set_exit_notify(ps_notify_thread_ended);
    image_paging_set_finder(driver_image_at);
    unsigned count;
    const struct boot_module *m = bootinfo_modules(&count);
    for (unsigned i = 0; i < count; i++) {
        const char *why;
        bool kept = replay_is_trace(m[i].name) ? replay_add_trace(m[i].name, m[i].phys, m[i].size, &why)
                                               : driver_add_image(m[i].name, m[i].phys, m[i].size, &why);
        if (!kept)
            kprintf("warning: module '%s' ignored: %s\n", m[i].name, why);
    }
}

/* load=a,b: each as the console's `load` would, in order. */
static void load_boot_drivers(const char *names)
{
    char line[sizeof("load ") + CMDLINE_LOAD_MAX];
    while (*names) {
        size_t n = 0;
        while (names[n] && names[n] != ',')
            n++;
        memcpy(line, "load ", 5);
        memcpy(line + 5, names, n);
        line[5 + n] = '\0';
        kprintf("boot: %s\n", line);
        commands_execute(line);
        names += n + (names[n] == ',');
    }
}

/* GDB's `monitor <line>`: the console command's output goes to GDB as it is printed. */
static gdb_monitor_output monitor_out;
static void *monitor_ctx;

static void monitor_tap(char c)
{
    monitor_out(monitor_ctx, &c, 1);
}

static void run_monitor_command(char *line, gdb_monitor_output out, void *ctx)
{
    monitor_out = out;
    monitor_ctx = ctx;
    console_set_tap(monitor_tap);
    commands_execute(line);
    console_set_tap(0);
}

/* The clock also ends threads' quanta and looks for GDB on COM2 (debugport=com2). */
static void clock_tick(uint64_t now)
{
    timer_clock_tick(now);
    sched_clock_tick(now);
    gdb_stub_poll();
}

__attribute__((noreturn)) void kmain(uint32_t magic, uint32_t info_phys);

void kmain(uint32_t magic, uint32_t info_phys)
{
    uart_init(UART_COM1);
    uart_init(UART_COM2);
    vga_clear(VGA_ATTR_NORMAL);
    trap_init();
    irql_init();
    page_sum_init();
    fpu_init(); /* for drivers, between KeSaveFloatingPointState and KeRestoreFloatingPointState */
    kprintf("Pagoda: an NT-style memory manager on 32-bit x86\n");

    /* The loader's data is read before the identity map goes, through the kernel's low map. */
    const char *bad_boot = bootinfo_init(magic, info_phys);
    boot_paging_drop_identity_map();
    if (bad_boot) {
        kprintf("boot: %s\n", bad_boot);
        qemu_exit(QEMU_EXIT_BUGCHECK);
    }

    cmdline_defaults(&options);
    cmdline_parse(bootinfo_cmdline(), &options, report_cmdline, 0);
    bugcheck_set_action(options.onbugcheck);
    gdb_stub_set_monitor(run_monitor_command);
    bugcheck_set_debugger(gdb_stub_bugcheck);
    if (options.debugport_com2)
        gdb_stub_enable();

    unsigned map_count;
    const struct phys_range *map = bootinfo_memory_map(&map_count);
    struct frame_run pagefile_run =
        mm_init(map, map_count, options.mem_mib, options.pagefile_mib, !options.pagefile_given);
    /* The paging file's disk: a ramdisk over the frames mm_init set aside for it. */
    struct block_device *disk = ramdisk_create(pagefile_run);
    if (pagefile_run.count && !disk)
        KeBugCheckEx(BUGCHECK_NO_PAGES_AVAILABLE, pagefile_run.count, 0, 0, 0);
    mm_attach_paging_file(disk);
    uint32_t pagefile_pages = pagefile_run.count;
    irql_set_trim_hook(mm_trim_all); /* the IRQL checker's trim: pageable memory out before each raise */
    kprintf("memory: %u frames (%u KiB) for the memory manager\n", mm_physmem()->frames_total,
            mm_physmem()->frames_total * (PAGE_SIZE / 1024));
    if (pagefile_pages < options.pagefile_mib * (1024 * 1024 / PAGE_SIZE) && options.pagefile_given)
        kprintf("warning: pagefile: the machine holds only %u MiB beside the RAM in use; shrunk to that\n",
                pagefile_pages / (1024 * 1024 / PAGE_SIZE));
    else if (pagefile_pages < options.pagefile_mib * (1024 * 1024 / PAGE_SIZE))
        kprintf("pagefile: the default %u MiB would leave the memory manager less than half of this machine; "
                "%u MiB chosen (pagefile=<MiB> sets it)\n",
                options.pagefile_mib, pagefile_pages / (1024 * 1024 / PAGE_SIZE));
    kprintf("pagefile: %u pages (%u KiB) on a ramdisk\n", pagefile_pages, pagefile_pages * (PAGE_SIZE / 1024));

    add_driver_images();
    pic_init();
    timer_init();
    clock_init(clock_tick);
    system_time_init();
    registry_init(KeQuerySystemTime); /* the registry's clock; its tree is built at its first use */
    ex_callback_init();               /* \Callback\SetSystemTime and the others, for drivers to open */
    serial_init();
    system_routine_set_finder(exports_find); /* MmGetSystemRoutineAddress reads the export tables */
    cpu_enable_interrupts();

    if (options.ktest)
        qemu_exit(ktest_run(options.ktest_suite) ? QEMU_EXIT_POWEROFF : QEMU_EXIT_TEST_FAILED);
    if (options.bench)
        qemu_exit(bench_run(options.bench_name) ? QEMU_EXIT_POWEROFF : QEMU_EXIT_TEST_FAILED);
    load_boot_drivers(options.load);
    shell_run();
}
