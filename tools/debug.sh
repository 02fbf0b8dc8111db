#!/usr/bin/env bash
# make debug: QEMU stopped at its first instruction with the gdbstub on tcp $GDBPORT, and gdb-multiarch
# attached with the kernel's symbols. The serial console is on tcp $SERIALPORT: `make console` in a
# second terminal (a raw terminal; what came before you connected is in $BUILD/serial.log). Extra
# arguments go to GDB (e.g. -batch -ex 'break kmain' ...).
# DRIVERS="a.sys b.sys" passes driver images as Multiboot modules (make debug passes the samples).
set -u
cd "$(dirname "$0")/.."
port=${GDBPORT:-1234}
serial=${SERIALPORT:-4555}
build=${BUILD:-build}
log=${SERIALLOG:-$build/serial.log}
modules=()
drivers=$(echo ${DRIVERS:-} | tr ' ' ',')
[ -n "$drivers" ] && modules=(-initrd "$drivers")
accel=(-accel tcg)
[ "${KVM:-0}" = "1" ] && accel=(-accel kvm)

# setsid: QEMU in a session of its own, so Ctrl-C in GDB reaches GDB (which stops the kernel) and not
# QEMU. The log keeps the banner for a console connected after `continue`.
setsid "${QEMU:-qemu-system-i386}" "${accel[@]}" -m 128 -display none -S -gdb "tcp:127.0.0.1:$port" \
    -chardev "socket,id=com1,host=127.0.0.1,port=$serial,server=on,wait=off,logfile=$log" \
    -serial chardev:com1 -monitor none \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot \
    -kernel "$build/kernel.elf" -append "${APPEND:-}" "${modules[@]}" &
qemu=$!
trap 'kill $qemu 2>/dev/null; wait $qemu 2>/dev/null' EXIT

# Wait until QEMU listens on the gdb port (state 0A in /proc/net/tcp), without connecting to it.
hexport=$(printf '%04X' "$port")
for _ in $(seq 100); do
    grep -q ":$hexport [0-9A-F:]* 0A" /proc/net/tcp 2>/dev/null && break
    kill -0 $qemu 2>/dev/null || { echo "debug: QEMU did not start" >&2; exit 1; }
    sleep 0.1
done
echo "debug: QEMU waits for GDB on tcp $port; serial console on tcp $serial"
# The helpers come with the symbols: GDB auto-loads $build/kernel.elf-gdb.py (mk/gdb.mk) once $build is
# a safe path. Connect after loading the file, so the bugcheck breakpoint is inserted from the start.
gdb-multiarch -q -iex "add-auto-load-safe-path $build" -ex "set architecture i386" \
    -ex "target remote 127.0.0.1:$port" "$@" "$build/kernel.elf"
