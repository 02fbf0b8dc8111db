# Driver images (.sys, PE32 for i386) built with mingw-w64 against the WDK's DDK headers, and the
# import libraries they link against, made from Pagoda's own export tables (tools/implib.py).
# The samples (drivers/samples/*.c but the template) and the loader's test image (tests/drivers/) go
# to $(BUILD)/drivers/; DRIVERS= names the images `make run` and `make run-kernel` pass as Multiboot
# modules (the samples by default).
MINGW   ?= i686-w64-mingw32-
IMPLIBS := $(BUILD)/lib/libntoskrnl.a $(BUILD)/lib/libhal.a
EXPORT_TABLES := $(wildcard drivers/exports_*.c)

# -mrtd: stdcall by default, as the WDK's /Gz; the DDK headers as a driver writer includes them, and
# Pagoda's supplement (what today's WDK declares and mingw-w64 lacks: ExAllocatePool2, ...) forced in.
# --param=min-pagesize=0: mingw-w64's __readfsbyte (the DDK's KeGetCurrentProcessorNumber reads FS:[0x51])
# names its offset as a pointer, which GCC would take for one into the null page and refuse (-Warray-bounds).
DRIVER_CFLAGS  := -O2 -g -mrtd -std=gnu11 -Wall -Wextra -Werror -Wno-unknown-pragmas -Wno-multichar \
                  --param=min-pagesize=0 \
                  -I/usr/i686-w64-mingw32/include/ddk -include drivers/sdk/pagoda_wdk.h
DRIVER_LDFLAGS := -shared -nostdlib -Wl,--subsystem,native -Wl,--entry,_DriverEntry@8 -Wl,--enable-stdcall-fixup
DRIVER_LIBS    := -L$(BUILD)/lib -lntoskrnl -lhal -lgcc

# Twins (name:source:define): an image built from another's source with one define, so that the two
# cannot drift apart. A twin of a sample is a sample; a twin of a test image is a test image.
TWINS := pagefixed:drivers/samples/pageable.c:-DPAGEABLE_FIXED pagedbg:drivers/samples/pageable.c:-DDBG=1 \
         mdlnolock:tests/drivers/mdllock.c:-DNO_LOCK workleft:tests/drivers/workitem.c:-DLEAVE_EXECUTIVE_ITEM \
         spinleft:tests/drivers/spinthread.c:-DLEAVE_THREAD heldmutex:tests/drivers/spinthread.c:-DHOLD_MUTEX \
         exitraised:tests/drivers/spinthread.c:-DEXIT_RAISED notifyleft:tests/drivers/notify.c:-DLEAVE_NOTIFY \
         bugcbleft:tests/drivers/bugcb.c:-DLEAVE_CALLBACK
twin_part = $(word $(2),$(subst :, ,$(1)))

SAMPLE_NAMES   := $(filter-out template,$(basename $(notdir $(wildcard drivers/samples/*.c)))) \
                  $(foreach t,$(TWINS),$(if $(filter drivers/samples/%,$(call twin_part,$(t),2)),$(call twin_part,$(t),1)))
SAMPLE_DRIVERS := $(SAMPLE_NAMES:%=$(BUILD)/drivers/%.sys)
TEST_DRIVERS   := $(patsubst tests/drivers/%.c,$(BUILD)/drivers/%.sys,$(wildcard tests/drivers/*.c)) \
                  $(foreach t,$(TWINS),$(if $(filter tests/drivers/%,$(call twin_part,$(t),2)),$(BUILD)/drivers/$(call twin_part,$(t),1).sys))
DRIVERS        ?= $(SAMPLE_DRIVERS)

.PHONY: implibs drivers driver
implibs: $(IMPLIBS)
drivers: $(SAMPLE_DRIVERS) $(TEST_DRIVERS)
all: drivers

$(IMPLIBS) &: $(EXPORT_TABLES) tools/implib.py | deps
	@$(PYTHON) tools/implib.py --out $(BUILD)/lib --dlltool $(MINGW)dlltool $(EXPORT_TABLES)

$(BUILD)/drivers/%.o: drivers/samples/%.c drivers/sdk/pagoda_wdk.h | deps
	@mkdir -p $(dir $@)
	$(MINGW)gcc $(DRIVER_CFLAGS) -c $< -o $@

$(BUILD)/drivers/%.o: tests/drivers/%.c drivers/sdk/pagoda_wdk.h | deps
	@mkdir -p $(dir $@)
	$(MINGW)gcc $(DRIVER_CFLAGS) -c $< -o $@

define twin_rule
$(BUILD)/drivers/$(call twin_part,$(1),1).o: $(call twin_part,$(1),2) drivers/sdk/pagoda_wdk.h mk/drivers.mk | deps
	@mkdir -p $$(dir $$@)
	$$(MINGW)gcc $$(DRIVER_CFLAGS) $(call twin_part,$(1),3) -c $$< -o $$@
endef
$(foreach t,$(TWINS),$(eval $(call twin_rule,$(t))))

$(BUILD)/drivers/%.sys: $(BUILD)/drivers/%.o $(IMPLIBS)
	$(MINGW)gcc $(DRIVER_LDFLAGS) -o $@ $< $(DRIVER_LIBS)

# make driver NAME=foo: drivers/samples/foo.c from the template (never over an existing file), built.
driver:
	@echo "$(NAME)" | grep -Eq '^[A-Za-z_][A-Za-z0-9_]{0,14}$$' || \
	    { echo "usage: make driver NAME=<name> (1 to 15 letters, digits or _, a C identifier)"; exit 2; }
	@test -f drivers/samples/$(NAME).c || { sed 's/TEMPLATE/$(NAME)/g' drivers/samples/template.c \
	    > drivers/samples/$(NAME).c && echo "drivers/samples/$(NAME).c: new, from the template"; }
	@$(MAKE) --no-print-directory $(BUILD)/drivers/$(NAME).sys
	@echo "run it: make run DRIVERS=$(BUILD)/drivers/$(NAME).sys, then 'load $(NAME)' at the prompt"

# The ISO's GRUB menu: the kernel and a module line per image of DRIVERS (rewritten when the list changes).
$(BUILD)/drivers.list: FORCE
	@mkdir -p $(BUILD)
	@echo "$(DRIVERS)" | cmp -s - $@ || echo "$(DRIVERS)" > $@
FORCE:

$(BUILD)/kernel.iso: $(DRIVERS) $(BUILD)/drivers.list
