# The memory manager's host side: its pure parts in the unit tests, the pagesim trace simulator, and
# the bench-mm benchmark (fault costs in the kernel under -icount, policies on the shared traces).

HOST_LIB_C += mm/pfn_db.c mm/bitmap_alloc.c mm/pagefile.c mm/ws_policy.c tools/pagesim/trace.c tools/pagesim/sim.c

# pagesim is built without sanitizers (they would only slow the benchmark down) from the same sources.
PAGESIM_C   := tools/pagesim/pagesim.c tools/pagesim/sim.c tools/pagesim/trace.c mm/ws_policy.c
PAGESIM_OBJ := $(patsubst %.c,$(BUILD)/host/pagesim-obj/%.o,$(PAGESIM_C))

.PHONY: bench-mm

host: $(BUILD)/host/pagesim
test: $(BUILD)/host/pagesim

$(BUILD)/host/pagesim: $(PAGESIM_OBJ) | deps
	$(HOSTCC) -o $@ $(PAGESIM_OBJ) -lz

$(BUILD)/host/pagesim-obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP -c $< -o $@

bench: bench-mm

bench-mm: $(BUILD)/kernel.elf $(BUILD)/host/pagesim
	@$(PYTHON) tools/bench_mm.py --build $(BUILD)

-include $(PAGESIM_OBJ:.o=.d)
