# The fuzz targets (clang's libFuzzer, with ASan and UBSan), one per portable module that takes
# untrusted bytes or long operation sequences: tests/fuzz/fuzz_<target>.c. `make test` runs each for a
# bounded number of inputs (tests/scenarios/test_fuzz_targets.py); `make fuzz` runs each for
# FUZZ_SECONDS and prints executions, new coverage and crashes per target (tests/fuzz/run_fuzz.py).
FUZZ_CC := clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := pool lineedit args cmdline pagefile ws_policy pe gdb_packet utf8
FUZZ_CFLAGS := -I. -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
               -include tests/host/klib_rename.h -Wall -Wextra -Werror

# Each target's sources; all but the pool's read their input through tests/fuzz/fuzz_input.c.
FUZZ_pool_C      := tests/fuzz/fuzz_pool.c $(POOL_C) host/page_arena.c host/pool_host.c host/special_pages_host.c \
                    host/irql_host.c host/timer_host.c $(POOL_KERNEL_C)
FUZZ_COMMON_C    := tests/fuzz/fuzz_input.c kernel/lib/kstring.c
FUZZ_lineedit_C  := tests/fuzz/fuzz_lineedit.c shell/lineedit.c shell/history.c $(FUZZ_COMMON_C)
FUZZ_args_C      := tests/fuzz/fuzz_args.c shell/args.c kernel/lib/kparse.c tests/host/kernel_stubs.c $(FUZZ_COMMON_C)
FUZZ_cmdline_C   := tests/fuzz/fuzz_cmdline.c boot/cmdline.c kernel/lib/kparse.c kernel/lib/kformat.c $(FUZZ_COMMON_C)
FUZZ_pagefile_C  := tests/fuzz/fuzz_pagefile.c mm/bitmap_alloc.c mm/pagefile.c host/page_sum_host.c $(FUZZ_COMMON_C)
FUZZ_ws_policy_C := tests/fuzz/fuzz_ws_policy.c mm/ws_policy.c $(FUZZ_COMMON_C)
FUZZ_pe_C        := tests/fuzz/fuzz_pe.c drivers/pe.c $(FUZZ_COMMON_C)
FUZZ_gdb_packet_C := tests/fuzz/fuzz_gdb_packet.c kernel/gdb_packet.c $(FUZZ_COMMON_C)
FUZZ_utf8_C       := tests/fuzz/fuzz_utf8.c kernel/rtl_utf8.c kernel/rtl_guid.c kernel/rtl_string.c kernel/rtl_nls.c $(FUZZ_COMMON_C)
FUZZ_HEADERS     := $(wildcard $(addsuffix /*.h,$(LAYERS)) kernel/lib/*.h host/*.h tests/host/*.h tests/fuzz/*.h)
FUZZ_EXES        := $(FUZZ_TARGETS:%=$(BUILD)/host/fuzz_%)

test: $(FUZZ_EXES)

fuzz: $(FUZZ_EXES)
	@$(PYTHON) tests/fuzz/run_fuzz.py --build $(BUILD) --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

define fuzz_target
$(BUILD)/host/fuzz_$(1): $$(FUZZ_$(1)_C) $$(FUZZ_HEADERS) | deps-test
	@mkdir -p $$(dir $$@)
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$(FUZZ_$(1)_C)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target,$(t))))
