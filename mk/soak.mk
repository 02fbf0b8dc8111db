# make soak: stress on several memory sizes (tests/soak/soak.py), SOAK_MINUTES per run; not part of make test.
SOAK_MINUTES ?= 2

.PHONY: soak

soak: $(BUILD)/kernel.elf | deps-test
	@$(PYTHON) tests/soak/soak.py --build $(BUILD) --minutes $(SOAK_MINUTES)
