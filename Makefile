# Pagoda: build the kernel and its ISO, run it, test it, debug it.
# `make` builds build/kernel.elf and build/kernel.iso; see README.md for the rest.
# `make fuzz` runs every fuzz target for FUZZ_SECONDS (default 60) each (mk/fuzz.mk).

CROSS    ?= i686-linux-gnu-
CC       := $(CROSS)gcc
NASM     ?= nasm
HOSTCC   ?= gcc
PYTHON   ?= python3
BUILD    ?= build
QEMU     ?= qemu-system-i386
GDBPORT  ?= 1234
KVM      ?= 0
APPEND   ?=

# Includes name their layer from the root (#include "mm/pte.h"), hence -I. everywhere.
# -freg-struct-return: structures of 8 bytes or less come back in EDX:EAX, as Microsoft's x86 ABI has
# it (and mingw-w64's drivers expect), not through a hidden pointer: KeQueryPerformanceCounter,
# MmGetPhysicalAddress and ExInterlockedAddLargeInteger return a LARGE_INTEGER.
KERNEL_CFLAGS := -I. -m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-pic -fno-pie \
                 -fno-stack-protector -fno-omit-frame-pointer -mgeneral-regs-only -freg-struct-return \
                 -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables \
                 -Wall -Wextra -Werror -MMD -MP
KERNEL_LDFLAGS := -m32 -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--fatal-warnings -Wl,-z,max-page-size=0x1000 -T linker.ld
NASMFLAGS := -f elf32 -g -F dwarf -Werror

# The layers, lowest first (README.md's layout); tools/check_layers.py holds includes to that order.
LAYERS     := hal kernel mm pool drivers shell boot
KERNEL_C   := $(wildcard $(addsuffix /*.c,$(LAYERS)) kernel/lib/*.c tests/kernel/*.c tests/bench/kernel/*.c)
KERNEL_ASM := $(wildcard hal/*.asm boot/*.asm)
KERNEL_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(KERNEL_C)) $(patsubst %.asm,$(BUILD)/obj/%.asm.o,$(KERNEL_ASM))

.PHONY: all deps deps-test deps-bench run run-kernel test host-test host bench fuzz debug console clean check-layers

all: $(BUILD)/kernel.elf $(BUILD)/kernel.iso

comma := ,

# Host builds by purpose, one fragment each (mk/*.mk): unit tests and the pool's host library
# (host.mk), the fuzz target (fuzz.mk), host tools (tools.mk), benchmarks (bench.mk), the soak (soak.mk).
include mk/tools.mk mk/host.mk mk/fuzz.mk mk/bench.mk mk/drivers.mk mk/soak.mk mk/gdb.mk

# Order-only: checked on every run, but never a reason to rebuild. The kernel needs only the first;
# the test suite and the benchmarks install what they alone use.
deps:
	@CROSS=$(CROSS) tools/deps.sh kernel
deps-test:
	@CROSS=$(CROSS) tools/deps.sh test
deps-bench:
	@CROSS=$(CROSS) tools/deps.sh bench

$(BUILD)/kernel.elf: $(KERNEL_OBJ) linker.ld | deps
	$(CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJ) -lgcc

# The flags the objects were built with: a change (an ABI flag above) rebuilds every one of them, so
# objects built with and without it never meet in one kernel.
$(BUILD)/kernel.cflags: FORCE
	@mkdir -p $(BUILD)
	@echo "$(KERNEL_CFLAGS)" | cmp -s - $@ || echo "$(KERNEL_CFLAGS)" > $@

$(BUILD)/obj/%.o: %.c $(BUILD)/kernel.cflags | deps
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

# On the Makefile too: the recipe post-processes the object (and two files rebuild in no time).
$(BUILD)/obj/%.asm.o: %.asm Makefile | deps
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) $< -o $@
	@# NASM's aranges cover every section but its CU only one: GDB warns "not in symtab" on each frame.
	$(CROSS)objcopy --remove-section=.debug_aranges $@

# GRUB's menu gets a `module` line per driver image of DRIVERS (mk/drivers.mk) before its `boot`.
$(BUILD)/kernel.iso: $(BUILD)/kernel.elf iso/boot/grub/grub.cfg | deps
	@rm -rf $(BUILD)/isodir
	@mkdir -p $(BUILD)/isodir/boot/grub $(BUILD)/isodir/boot/drivers
	$(if $(DRIVERS),cp $(DRIVERS) $(BUILD)/isodir/boot/drivers/)
	sed '/^ *boot$$/i\$(foreach d,$(DRIVERS),    module /boot/drivers/$(notdir $(d)) $(notdir $(d))\n)' \
	    iso/boot/grub/grub.cfg | sed '/^$$/d' > $(BUILD)/isodir/boot/grub/grub.cfg
	cp $(BUILD)/kernel.elf $(BUILD)/isodir/boot/kernel.elf
	grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

# `make bench` runs every benchmark a fragment registered, in one run.
bench:

# The serial console on this terminal (Ctrl-A X leaves QEMU); `poweroff` in the shell ends it too.
run: all
	@tools/qemu-run.sh -cdrom $(BUILD)/kernel.iso

# The fast path without GRUB, with a kernel command line: make run-kernel APPEND="mem=16"
run-kernel: $(BUILD)/kernel.elf $(DRIVERS)
	@tools/qemu-run.sh -kernel $(BUILD)/kernel.elf -append "$(APPEND)" \
	    $(if $(DRIVERS),-initrd "$(subst $(eval) ,$(comma),$(strip $(DRIVERS)))")

test: all $(BUILD)/host/unit_tests | deps-test
	@$(PYTHON) tests/run.py --build $(BUILD)

# Includes only point down the layers (README.md's layout).
check-layers:
	@$(PYTHON) tools/check_layers.py

debug: $(BUILD)/kernel.elf $(DRIVERS)
	@GDBPORT=$(GDBPORT) APPEND="$(APPEND)" DRIVERS="$(DRIVERS)" tools/debug.sh

# The serial console of a running `make debug`, as a raw terminal (Ctrl-] leaves); shows what the
# kernel printed before you connected, banner included.
console:
	@python3 tools/console.py --port $(or $(SERIALPORT),4555) --log $(BUILD)/serial.log

clean:
	rm -rf $(BUILD)

export QEMU KVM

-include $(KERNEL_OBJ:.o=.d)
