# IRQL: its benchmark (tests/kernel/bench_irql.c), booted under -icount shift=0 by tools/bench.py.
.PHONY: bench-irql
bench: bench-irql
bench-irql: $(BUILD)/kernel.elf
	@$(PYTHON) tools/bench.py --build $(BUILD) irql
