# The pool's fuzz target (clang's libFuzzer, with ASan and UBSan); tests/scenarios/test_pool_fuzz.py
# runs it for a bounded number of inputs as part of `make test`.
FUZZ_CC := clang
FUZZ_POOL_C := tests/fuzz/fuzz_pool.c $(POOL_C) host/page_arena.c host/pool_host.c host/special_pages_host.c \
               host/irql_host.c kernel/spinlock.c kernel/lib/kparse.c kernel/lib/kstring.c

test: $(BUILD)/host/fuzz_pool

$(BUILD)/host/fuzz_pool: $(FUZZ_POOL_C) $(wildcard pool/*.h mm/*.h kernel/*.h hal/*.h host/*.h) | deps-test
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -I. -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -include tests/host/klib_rename.h -Wall -Wextra -Werror -o $@ $(FUZZ_POOL_C)
