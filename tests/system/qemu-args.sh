# qemu-args.sh - the machine every Larch image boots on, in one place; sourced
# (with `.`) by qemu-run, tools/l4run and the tests that type at the serial
# line, which add -kernel IMAGE and their console set-up.
#   -M virt -cpu cortex-a15   the board and core the kernel is built for
#   -m 128M                   the default RAM (the kernel reads the size from the
#                             device tree; qemu-run --mem adds a later -m)
#   -nic none                 the default NIC needs efi-virtio.rom, which
#                             Debian's qemu-system-arm only recommends
#   -semihosting-config       the guest's exit status becomes QEMU's
#   -icount shift=0,...       one instruction per virtual ns: runs repeat exactly
#   -smp N                    N processors: $LARCH_CPUS, else $CPUS (what
#                             `make check CPUS=4` exports), else 1
# No argument holds a blank or a wildcard, so callers expand
# $qemu_machine_args unquoted to get one word per argument.
larch_cpus=${LARCH_CPUS:-${CPUS:-1}}
case $larch_cpus in
''|*[!0-9]*|0*) echo "qemu-args.sh: the number of processors must be 1 to 4, not '$larch_cpus'" >&2
	exit 126 ;;
esac
[ "$larch_cpus" -le 4 ] || { echo "qemu-args.sh: at most 4 processors (the kernel's MAX_CPUS), not $larch_cpus" >&2; exit 126; }
qemu_machine_args="-M virt -cpu cortex-a15 -m 128M -nic none -smp $larch_cpus
	-semihosting-config enable=on,target=native
	-icount shift=0,align=off,sleep=off"
