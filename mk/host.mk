# Portable code built for the host: the unit tests (ASan + UBSan) and the pool's host library.

# Freestanding code that also builds for the host, by layer; the pool runs on host/ (pages from mmap,
# a printing KeBugCheckEx, IRQL as one variable).
PORTABLE_KERNEL_C := kernel/lib/kstring.c kernel/lib/kformat.c kernel/lib/kparse.c kernel/lib/ringbuf.c kernel/spinlock.c \
                     kernel/callout.c kernel/driver_code.c kernel/live_objects.c kernel/rtl_memory.c kernel/rtl_string.c kernel/rtl_bitmap.c kernel/rtl_splay.c kernel/rtl_gentable.c kernel/rtl_avl.c kernel/rtl_hash.c kernel/rtl_nls.c kernel/rtl_utf8.c kernel/rtl_guid.c kernel/crt_string.c kernel/crt_print.c kernel/time_fields.c kernel/dbg_format.c kernel/slist.c kernel/thread.c kernel/gdb_packet.c kernel/gdb_query.c
PORTABLE_MM_C     := mm/physmem.c mm/pfn_db.c mm/bitmap_alloc.c mm/pagefile.c mm/ws_policy.c
MM_HOST_C         := host/page_sum_host.c # what the paging file's checksum takes from hal/
POOL_C            := $(wildcard pool/*.c)
PORTABLE_DRIVERS_C := drivers/pe.c drivers/rtl_string_pool.c drivers/registry.c drivers/registry_zw.c drivers/registry_rtl.c \
                      drivers/ob_handle.c
PORTABLE_SHELL_C  := shell/lineedit.c shell/history.c shell/args.c shell/complete.c
PORTABLE_BOOT_C   := boot/cmdline.c
POOL_HOST_C       := host/page_arena.c host/pool_host.c host/special_pages_host.c host/bugcheck_host.c host/irql_host.c \
                     host/timer_host.c

HOST_LIB_C  := $(PORTABLE_KERNEL_C) $(PORTABLE_MM_C) $(POOL_C) $(PORTABLE_DRIVERS_C) $(PORTABLE_SHELL_C) $(PORTABLE_BOOT_C) \
               $(MM_HOST_C) $(POOL_HOST_C) $(PAGESIM_LIB_C)
HOST_TEST_C := $(wildcard tests/host/*.c)
HOST_CFLAGS := -I. -std=gnu11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all -fno-tree-loop-distribute-patterns -include tests/host/klib_rename.h \
               -Wall -Wextra -Werror -MMD -MP
HOST_OBJ    := $(patsubst %.c,$(BUILD)/host/obj/%.o,$(HOST_LIB_C) $(HOST_TEST_C))

host: $(BUILD)/host/unit_tests $(BUILD)/host/libpagoda.a

$(BUILD)/host/unit_tests: $(HOST_OBJ) | deps-test
	$(HOSTCC) -fsanitize=address,undefined -o $@ $(HOST_OBJ)

$(BUILD)/host/obj/%.o: %.c | deps-test
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

host-test: $(BUILD)/host/unit_tests
	$(BUILD)/host/unit_tests

# libpagoda.a: the pool on the host, for programs that link it (the benchmark). kstring gives it its
# memset/memcpy under the names klib_rename.h gives them, so they never stand in for the C library's.
# Fat LTO objects: a program linked with -flto inlines the pool's hot path across its files (the
# provider's owner byte, IRQL, the small-block engine); any other link uses the plain code in them.
# The kernel's code the pool calls (the fuzz target's pool takes the same).
POOL_KERNEL_C := kernel/spinlock.c kernel/callout.c kernel/driver_code.c kernel/live_objects.c kernel/slist.c \
                 kernel/thread.c kernel/lib/kparse.c kernel/lib/kstring.c
LIBPAGODA_C := $(POOL_C) $(POOL_HOST_C) $(POOL_KERNEL_C)
LIBPAGODA_CFLAGS := -I. -std=gnu11 -O2 -g -fPIC -fno-semantic-interposition -flto=auto -ffat-lto-objects \
                    -fno-tree-loop-distribute-patterns -include tests/host/klib_rename.h -Wall -Wextra -Werror -MMD -MP
HOST_AR ?= gcc-ar
LIBPAGODA_OBJ := $(patsubst %.c,$(BUILD)/host/lib/%.o,$(LIBPAGODA_C))

$(BUILD)/host/libpagoda.a: $(LIBPAGODA_OBJ)
	@rm -f $@
	$(HOST_AR) rcs $@ $(LIBPAGODA_OBJ)

$(BUILD)/host/lib/%.o: %.c | deps-test
	@mkdir -p $(dir $@)
	$(HOSTCC) $(LIBPAGODA_CFLAGS) -c $< -o $@

-include $(HOST_OBJ:.o=.d) $(LIBPAGODA_OBJ:.o=.d)
