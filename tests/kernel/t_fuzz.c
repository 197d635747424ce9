/* t_fuzz.c - unprivileged threads issue thousands of random system calls:
 * the kernel must neither panic nor hang, and the root must be unharmed. */
#include "ktest.h"

#define FUZZERS		6u
#define FUZZ_CALLS	4000u
#define LABEL_FUZZ_DONE	11u

static uint32_t next_random(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* Arguments drawn from values the kernel must tell apart: ids, small
 * numbers, page addresses, NIL/ANY and noise. */
static uint32_t random_argument(uint32_t *state, l4_tid_t me)
{
	uint32_t v = next_random(state);
	switch (v % 6) {
	case 0: return me;
	case 1: return (v >> 8) % 8;
	case 2: return v & ~0xfffu;
	case 3: return (v & 0x100) ? L4_ANYTHREAD : L4_NILTHREAD;
	case 4: return L4_TID((v >> 8) % 300, (v >> 20) % 4);
	default: return next_random(state);
	}
}

/* Runs with its image read-only, no pager, and may only hurt itself; a
 * call that would stop it early (its own pc or suspension) is defused. */
static void fuzzer(uint32_t seed)
{
	uint32_t state = seed * 2654435761u | 1u, i;
	l4_tid_t me = l4_myself();
	for (i = 0; i < FUZZ_CALLS; i++) {
		uint32_t a[5], number = next_random(&state) % (L4_SYS_COUNT + 3);
		for (int k = 0; k < 5; k++)
			a[k] = random_argument(&state, me);
		if (number == L4_SYS_KDEBUG)
			a[0] = L4_KD_POWEROFF;
		if (number == L4_SYS_IPC) {
			a[2] &= 0x00030003u;	/* timeouts of at most 3 ms */
			if (a[0] == root_tid)
				a[0] = L4_NILTHREAD;
		}
		if (number == L4_SYS_EXCHANGE_REGISTERS && a[0] == me)
			a[1] &= L4_EXREG_CANCEL_IPC;
		if (number == L4_SYS_THREAD_CONTROL && a[1] == me)
			a[0] = L4_TC_SET_PAGER;
		l4_syscall(number, a[0], a[1], a[2], a[3], a[4], 0);
	}
	report(LABEL_FUZZ_DONE, i, 0, 0, 0);
	block_forever();
}

void test_fuzz(void)
{
	uint32_t completed = 0, w[5];
	for (uint32_t seed = 1; seed <= FUZZERS; seed++) {
		l4_tid_t t = spawn_in_new_space_perms(fuzzer, seed, L4_NILTHREAD,
						      L4_PERM_READ | L4_PERM_EXEC);
		if (!t)
			continue;
		l4_schedule(t, 50, 0);
		if (wait_report(t, w) == 0 && L4_TAG_LABEL(l4_utcb()->mr[0]) == LABEL_FUZZ_DONE)
			completed++;
		l4_thread_destroy(t);
	}
	out("fuzz: ");
	out_dec(completed);
	out(" of 6 fuzzers ran all their calls\n");
	check_true("fuzz: most fuzzers ran to the end", completed >= FUZZERS / 2, completed);
	check_eq("fuzz: kernel still answers", l4_null(), 0);
	struct l4_kstats stats;
	check_eq("fuzz: kernel stats still readable", l4_kstats(&stats), 0);
}
