#!/usr/bin/env bash
# make debug: QEMU stopped at its first instruction with the gdbstub on tcp $GDBPORT, and gdb-multiarch
# attached with the kernel's symbols. The serial console is on tcp $SERIALPORT (connect with
# `nc localhost 4555` or telnet). Extra arguments go to GDB (e.g. -batch -ex 'break kmain' ...).
# DRIVERS="a.sys b.sys" passes driver images as Multiboot modules (make debug passes the samples).
set -u
cd "$(dirname "$0")/.."
port=${GDBPORT:-1234}
serial=${SERIALPORT:-4555}
build=${BUILD:-build}
modules=()
drivers=$(echo ${DRIVERS:-} | tr ' ' ',')
[ -n "$drivers" ] && modules=(-initrd "$drivers")
accel=(-accel tcg)
[ "${KVM:-0}" = "1" ] && accel=(-accel kvm)

"${QEMU:-qemu-system-i386}" "${accel[@]}" -m 128 -display none -S -gdb "tcp:127.0.0.1:$port" \
    -serial "tcp:127.0.0.1:$serial,server=on,wait=off" -monitor none \
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
helpers=()
for helper in tools/gdb/*.py; do [ -e "$helper" ] && helpers+=(-x "$helper"); done
gdb-multiarch -q -ex "set architecture i386" -ex "target remote 127.0.0.1:$port" "${helpers[@]}" "$@" "$build/kernel.elf"
