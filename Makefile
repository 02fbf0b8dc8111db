# Pagoda: build the kernel and its ISO, run it, test it, debug it.
# `make` builds build/kernel.elf and build/kernel.iso; see README.md for the rest.

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

KERNEL_CFLAGS := -m32 -march=i686 -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-pic -fno-pie \
                 -fno-stack-protector -fno-omit-frame-pointer -mgeneral-regs-only \
                 -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables \
                 -Wall -Wextra -Werror -MMD -MP
KERNEL_LDFLAGS := -m32 -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--fatal-warnings -Wl,-z,max-page-size=0x1000 -T linker.ld
NASMFLAGS := -f elf32 -g -F dwarf -Werror

KERNEL_C   := $(wildcard boot/*.c kernel/*.c kernel/lib/*.c mm/*.c drivers/*.c tests/kernel/*.c)
KERNEL_ASM := $(wildcard boot/*.asm)
KERNEL_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(KERNEL_C)) $(patsubst %.asm,$(BUILD)/obj/%.asm.o,$(KERNEL_ASM))

# Freestanding code that also builds for the host, where the unit tests run it with sanitizers.
HOST_LIB_C   := kernel/lib/kstring.c kernel/lib/kformat.c kernel/lib/kparse.c kernel/lib/ringbuf.c \
                kernel/cmdline.c kernel/lineedit.c mm/physmem.c
HOST_TEST_C  := $(wildcard tests/host/*.c)
HOST_CFLAGS  := -std=gnu11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=all -fno-tree-loop-distribute-patterns -include tests/host/klib_rename.h \
                -Wall -Wextra -Werror -MMD -MP
HOST_OBJ      = $(patsubst %.c,$(BUILD)/host/obj/%.o,$(HOST_LIB_C) $(HOST_TEST_C))

.PHONY: all deps run run-kernel test host-test host bench debug clean

all: $(BUILD)/kernel.elf $(BUILD)/kernel.iso

# Each subsystem's host tools and benchmarks live in a fragment of its own (mk/*.mk): a fragment adds
# to HOST_LIB_C and gives `host` and `bench` more prerequisites, so no two subsystems edit one line.
include $(sort $(wildcard mk/*.mk))

# Order-only: checked on every run, but never a reason to rebuild.
deps:
	@CROSS=$(CROSS) tools/deps.sh

$(BUILD)/kernel.elf: $(KERNEL_OBJ) linker.ld | deps
	$(CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJ) -lgcc

$(BUILD)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.asm.o: %.asm | deps
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) $< -o $@

$(BUILD)/kernel.iso: $(BUILD)/kernel.elf iso/boot/grub/grub.cfg | deps
	@rm -rf $(BUILD)/isodir
	@mkdir -p $(BUILD)/isodir/boot/grub
	cp iso/boot/grub/grub.cfg $(BUILD)/isodir/boot/grub/
	cp $(BUILD)/kernel.elf $(BUILD)/isodir/boot/kernel.elf
	grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

host: $(BUILD)/host/unit_tests

# `make bench` runs every benchmark a fragment registered, in one run.
bench:

$(BUILD)/host/unit_tests: $(HOST_OBJ) | deps
	$(HOSTCC) -fsanitize=address,undefined -o $@ $(HOST_OBJ)

$(BUILD)/host/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

host-test: $(BUILD)/host/unit_tests
	$(BUILD)/host/unit_tests

# The serial console on this terminal (Ctrl-A X leaves QEMU); `poweroff` in the shell ends it too.
run: all
	@tools/qemu-run.sh -cdrom $(BUILD)/kernel.iso

# The fast path without GRUB, with a kernel command line: make run-kernel APPEND="mem=16"
run-kernel: $(BUILD)/kernel.elf
	@tools/qemu-run.sh -kernel $(BUILD)/kernel.elf -append "$(APPEND)"

test: all $(BUILD)/host/unit_tests
	@$(PYTHON) tests/run.py --build $(BUILD)

debug: $(BUILD)/kernel.elf
	@GDBPORT=$(GDBPORT) APPEND="$(APPEND)" tools/debug.sh

clean:
	rm -rf $(BUILD)

export QEMU KVM

-include $(KERNEL_OBJ:.o=.d) $(HOST_OBJ:.o=.d)
