# GDB's auto-load script beside the ELF: however GDB is started on build/kernel.elf (with build/ in its
# auto-load safe-path, as make debug sets), the pg- helpers of tools/gdb/pagoda/ load with the symbols.
$(BUILD)/kernel.elf-gdb.py: tools/gdb/load.py
	@mkdir -p $(BUILD)
	@printf '%s\n' '# Written by mk/gdb.mk: loads the pg- helpers when GDB loads kernel.elf.' \
	    'exec(compile(open("$(abspath tools/gdb/load.py)").read(), "$(abspath tools/gdb/load.py)", "exec"), {"__file__": "$(abspath tools/gdb/load.py)"})' > $@

all: $(BUILD)/kernel.elf-gdb.py
debug: $(BUILD)/kernel.elf-gdb.py
