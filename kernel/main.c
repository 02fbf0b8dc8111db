/* kmain: brings the machine up in dependency order, then runs the tests or the shell. */
#include "../drivers/pic.h"
#include "../drivers/qemu_exit.h"
#include "../drivers/uart.h"
#include "../drivers/vga.h"
#include "../mm/boot_paging.h"
#include "../mm/mm.h"
#include "bench.h"
#include "bootinfo.h"
#include "bugcheck.h"
#include "clock.h"
#include "cmdline.h"
#include "console.h"
#include "cpu.h"
#include "interrupt.h"
#include "irql.h"
#include "ktest.h"
#include "shell.h"
#include "trap.h"

static struct boot_options options;

static void report_cmdline(void *ctx, const char *line)
{
    (void)ctx;
    kprintf("cmdline: %s\n", line);
}

static void com1_interrupt(void)
{
    uart_com1_receive();
}

__attribute__((noreturn)) void kmain(uint32_t magic, uint32_t info_phys);

void kmain(uint32_t magic, uint32_t info_phys)
{
    uart_init(UART_COM1, true);
    uart_init(UART_COM2, false);
    vga_clear(VGA_ATTR_NORMAL);
    trap_init();
    irql_init();
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

    unsigned map_count;
    const struct phys_range *map = bootinfo_memory_map(&map_count);
    uint32_t pagefile_pages = mm_init(map, map_count, options.mem_mib, options.pagefile_mib);
    irql_set_trim_hook(mm_trim_all); /* the IRQL checker's trim: pageable memory out before each raise */
    kprintf("memory: %u frames (%u KiB) for the memory manager\n", mm_physmem()->frames_total,
            mm_physmem()->frames_total * (PAGE_SIZE / 1024));
    if (pagefile_pages < options.pagefile_mib * (1024 * 1024 / PAGE_SIZE))
        kprintf("warning: pagefile: the machine holds only %u MiB beside the RAM in use; shrunk to that\n",
                pagefile_pages / (1024 * 1024 / PAGE_SIZE));
    kprintf("pagefile: %u pages (%u KiB) on a ramdisk\n", pagefile_pages, pagefile_pages * (PAGE_SIZE / 1024));

    pic_init();
    clock_init();
    irq_set_handler(UART_COM1_IRQ, com1_interrupt);
    cpu_enable_interrupts();

    if (options.ktest)
        qemu_exit(ktest_run(options.ktest_suite) ? QEMU_EXIT_POWEROFF : QEMU_EXIT_TEST_FAILED);
    if (options.bench)
        qemu_exit(bench_run(options.bench_name) ? QEMU_EXIT_POWEROFF : QEMU_EXIT_TEST_FAILED);
    shell_run();
}
