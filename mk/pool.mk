# The pool (mm/pool*.c and friends): the engine builds into the kernel through the mm/*.c wildcard;
# here it also builds for the host: into the unit tests, into build/host/libpagoda.a, into a
# libFuzzer target that `make test` runs for a bounded time, and into the benchmark.

POOL_C      := mm/pool.c mm/pool_small.c mm/pool_tags.c mm/hashtab.c mm/lookaside.c \
               mm/lookaside_wdm.c mm/special_pool.c mm/verifier.c
POOL_HOST_C := kernel/spinlock.c host/page_arena.c host/pool_host.c host/special_pages_host.c host/bugcheck_host.c host/irql_host.c
# kstring gives the pool its memset/memcpy, under the names klib_rename.h gives them, so they never
# stand in for the C library's in a program that links libpagoda.a.
LIBPAGODA_C := $(POOL_C) $(POOL_HOST_C) kernel/lib/kparse.c kernel/lib/kstring.c

HOST_LIB_C += $(POOL_C) $(POOL_HOST_C)

# Fat LTO objects: a program linked with -flto inlines the pool's hot path across its files (the
# provider's owner byte, IRQL, the small-block engine); any other link uses the plain code in them.
LIBPAGODA_CFLAGS := -std=gnu11 -O2 -g -fPIC -fno-semantic-interposition -flto=auto -ffat-lto-objects \
                    -fno-tree-loop-distribute-patterns -include tests/host/klib_rename.h -Wall -Wextra -Werror -MMD -MP
HOST_AR ?= gcc-ar
LIBPAGODA_OBJ := $(patsubst %.c,$(BUILD)/host/lib/%.o,$(LIBPAGODA_C))

host: $(BUILD)/host/libpagoda.a

$(BUILD)/host/libpagoda.a: $(LIBPAGODA_OBJ)
	@rm -f $@
	$(HOST_AR) rcs $@ $(LIBPAGODA_OBJ)

$(BUILD)/host/lib/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(LIBPAGODA_CFLAGS) -c $< -o $@

-include $(LIBPAGODA_OBJ:.o=.d)

# The fuzz target (clang's libFuzzer, with ASan and UBSan); tests/scenarios/test_pool_fuzz.py runs it
# for a bounded number of inputs as part of `make test`.
FUZZ_CC := clang
FUZZ_POOL_C := tests/fuzz/fuzz_pool.c $(POOL_C) host/page_arena.c host/pool_host.c host/special_pages_host.c host/irql_host.c kernel/spinlock.c kernel/lib/kparse.c kernel/lib/kstring.c

test: $(BUILD)/host/fuzz_pool

$(BUILD)/host/fuzz_pool: $(FUZZ_POOL_C) $(wildcard mm/*.h kernel/*.h host/*.h) | deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -include tests/host/klib_rename.h -Wall -Wextra -Werror -o $@ $(FUZZ_POOL_C)

# make bench-pool (part of make bench): the pool against glibc malloc, mimalloc and jemalloc (deps
# installs the last two), one program built once per allocator.
BENCH_POOL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror
BENCH_POOL_EXES := $(addprefix $(BUILD)/host/bench_pool_,pool glibc mimalloc jemalloc)
BENCH_POOL_LIBS_pool := -flto=auto $(BUILD)/host/libpagoda.a
BENCH_POOL_LIBS_mimalloc := -lmimalloc
BENCH_POOL_LIBS_jemalloc := -ljemalloc

.PHONY: bench-pool
bench: bench-pool

bench-pool: $(BENCH_POOL_EXES) $(BUILD)/kernel.elf
	@$(PYTHON) tests/bench/bench_pool.py $(BUILD)

$(BUILD)/host/bench_pool_pool: $(BUILD)/host/libpagoda.a

$(BUILD)/host/bench_pool_%: tests/bench/bench_pool.c | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(BENCH_POOL_CFLAGS) -DALLOCATOR_$(shell echo $* | tr a-z A-Z) -o $@ $< $(BENCH_POOL_LIBS_$*)
