# Host tools: pagesim, the trace simulator that runs the kernel's replacement policy (mm/ws_policy.c)
# beside OPT, LRU and CLOCK. Its library part is in the unit tests too (host.mk).

PAGESIM_LIB_C := tools/pagesim/trace.c tools/pagesim/sim.c tools/pagesim/page_lists.c tools/pagesim/clockpro.c \
                 tools/pagesim/arc.c tools/pagesim/lirs.c shell/replay_trace.c
# Built without sanitizers (they would only slow the benchmark down) from the same sources.
PAGESIM_C   := tools/pagesim/pagesim.c $(PAGESIM_LIB_C) mm/ws_policy.c
PAGESIM_OBJ := $(patsubst %.c,$(BUILD)/host/pagesim-obj/%.o,$(PAGESIM_C))

host: $(BUILD)/host/pagesim
test: $(BUILD)/host/pagesim

$(BUILD)/host/pagesim: $(PAGESIM_OBJ) | deps-test
	$(HOSTCC) -o $@ $(PAGESIM_OBJ) -lz

$(BUILD)/host/pagesim-obj/%.o: %.c | deps-test
	@mkdir -p $(dir $@)
	$(HOSTCC) -I. -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP -c $< -o $@

-include $(PAGESIM_OBJ:.o=.d)

# A shared trace in the binary form the console's `replay` takes, for a module line:
#   make run-kernel DRIVERS=build/traces/cs.trace
SHARED_TRACES ?= ../shared/traces
$(BUILD)/traces/%.trace: $(SHARED_TRACES)/%.trace.gz $(BUILD)/host/pagesim
	@mkdir -p $(dir $@)
	$(BUILD)/host/pagesim --binary $@ $<
