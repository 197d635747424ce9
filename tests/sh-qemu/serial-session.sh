# serial-session.sh - sourced by the tests that type at make run's image
# (programs/sh/arm/run.img) through QEMU's serial line: boots it with the
# keys from a fifo, and gives wait_for, type_line, type_key and
# finish_session. The caller sets test_name first.
: "${QEMU:=qemu-system-arm}"
. "${top_srcdir:-../..}/tests/system/qemu-args.sh"
image=${top_builddir:-../..}/programs/sh/arm/run.img
work=$(mktemp -d) || exit 99
log=$work/session.log
qemu_pid=

end_session() {
	[ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null
	tr -d '\r' <"$log"
	rm -rf "$work"
}
trap end_session EXIT

mkfifo "$work/keys" || exit 99
# shellcheck disable=SC2086 # one word per machine argument
timeout --kill-after=5 90 "$QEMU" $qemu_machine_args \
	-display none -monitor none -serial stdio -kernel "$image" <"$work/keys" >"$log" 2>&1 &
qemu_pid=$!
exec 3>"$work/keys"

fail() {
	echo "$test_name: FAIL: $*"
	exit 1
}
# Waits up to 20 s until the console holds the line $1 (count $2, default 1).
# QEMU is looked at before the log, so output written just before it ended
# still counts.
wait_for() {
	tries=0
	until {
		alive=1
		kill -0 "$qemu_pid" 2>/dev/null || alive=0
		[ "$(tr -d '\r' <"$log" | grep -Fxc -e "$1")" -ge "${2:-1}" ]
	}; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ] || [ "$alive" -eq 0 ]; then
			fail "no line '$1' (${2:-1} times)"
		fi
		sleep 0.1
	done
}
# Waits for the shell's n-th prompt (so what is typed next follows it).
prompts=0
wait_for_prompt() {
	prompts=$((prompts + 1))
	tries=0
	until {
		alive=1
		kill -0 "$qemu_pid" 2>/dev/null || alive=0
		[ "$(tr -d '\r' <"$log" | grep -c '^\$ ')" -ge "$prompts" ]
	}; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ] || [ "$alive" -eq 0 ]; then
			fail "no prompt number $prompts before typing '$1'"
		fi
		sleep 0.1
	done
}
# Types a line once the shell has printed its next prompt.
type_line() {
	wait_for_prompt "$1"
	printf '%s\r' "$1" >&3
}
# Types the raw key $1 (a printf format, e.g. '\003' for Ctrl-C).
type_key() {
	# shellcheck disable=SC2059 # the key is the format
	printf "$1" >&3
}
# Ends the input and checks QEMU's exit status is $1.
finish_session() {
	exec 3>&-
	wait "$qemu_pid"
	status=$?
	qemu_pid=
	[ "$status" -eq "$1" ] || fail "QEMU exit status $status, expected $1"
	wait_for "mm0: init exited with status $1"
	echo "$test_name: PASS"
}
