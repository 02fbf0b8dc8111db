# make bench: every benchmark in one run (sources and scripts in tests/bench/), ratios against the
# anchors the README names.
.PHONY: bench-irql bench-mm bench-mm-heldout bench-pool bench-boot
bench: bench-irql bench-mm bench-pool bench-boot

# In-kernel benchmarks (tests/bench/kernel/) boot with bench=<name> under -icount shift=0.
bench-irql: $(BUILD)/kernel.elf
	@$(PYTHON) tests/bench/bench.py --build $(BUILD) irql

# Fault costs in the kernel under -icount; the replacement policies through pagesim on the shared
# traces and on real programs' page traces (recorded once under valgrind's lackey, then kept), with
# one gnuplot image per trace family in $(BUILD)/bench (docs/replacement-*.png are copies of these).
bench-mm: $(BUILD)/kernel.elf $(BUILD)/host/pagesim $(BUILD)/traces/programs/.done | deps-bench
	@$(PYTHON) tests/bench/bench_mm.py --build $(BUILD)

# Boot to the prompt against the smallest Multiboot kernel, at several memory sizes.
bench-boot: $(BUILD)/kernel.elf $(BUILD)/bench/minimal_kernel.elf
	@$(PYTHON) tests/bench/bench_boot.py --build $(BUILD)

$(BUILD)/bench/minimal_kernel.elf: tests/bench/minimal_kernel.asm | deps
	@mkdir -p $(dir $@)
	$(NASM) -f elf32 $< -o $@.o
	$(CC) -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-Ttext=0x100000 -o $@ $@.o

$(BUILD)/host/lackey_pages: tests/bench/lackey_pages.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/traces/programs/.done: tests/bench/program_traces.py $(BUILD)/host/lackey_pages | deps-bench
	@$(PYTHON) tests/bench/program_traces.py --build $(BUILD) --out $(dir $@)
	@touch $@

# The policy against programs no design decision looked at (program_traces.py --set heldout: other
# programs, and the six on other inputs); not part of make bench (recording them takes a while).
bench-mm-heldout: $(BUILD)/host/pagesim $(BUILD)/traces/heldout/.done | deps-bench
	@$(PYTHON) tests/bench/bench_mm.py --build $(BUILD) --replacement-only --families programs \
		--programs $(BUILD)/traces/heldout --plots $(BUILD)/bench/heldout

$(BUILD)/traces/heldout/.done: tests/bench/program_traces.py $(BUILD)/host/lackey_pages | deps-bench
	@$(PYTHON) tests/bench/program_traces.py --build $(BUILD) --out $(dir $@) --set heldout
	@touch $@

# The pool against glibc malloc, mimalloc and jemalloc (deps-bench installs the last two and valgrind,
# whose callgrind counts instructions per operation), one program built once per allocator, and once
# with no allocator (the harness's own cost).
BENCH_POOL_CFLAGS := -I. -std=gnu11 -O2 -g -Wall -Wextra -Werror
BENCH_POOL_EXES := $(addprefix $(BUILD)/host/bench_pool_,pool glibc mimalloc jemalloc none)
BENCH_POOL_LIBS_pool := -flto=auto $(BUILD)/host/libpagoda.a
BENCH_POOL_LIBS_mimalloc := -lmimalloc
BENCH_POOL_LIBS_jemalloc := -ljemalloc

bench-pool: $(BENCH_POOL_EXES) $(BUILD)/kernel.elf
	@$(PYTHON) tests/bench/bench_pool.py $(BUILD)

$(BUILD)/host/bench_pool_pool: $(BUILD)/host/libpagoda.a

$(BUILD)/host/bench_pool_%: tests/bench/bench_pool.c | deps-bench
	@mkdir -p $(dir $@)
	$(HOSTCC) $(BENCH_POOL_CFLAGS) -DALLOCATOR_$(shell echo $* | tr a-z A-Z) -o $@ $< $(BENCH_POOL_LIBS_$*)
