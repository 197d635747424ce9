/* t_reach.c - reaching into other spaces: an unprivileged space tries to
 * map, unmap, read or set registers, create, destroy or re-page threads
 * elsewhere; a delegated privileged space tries to map physical memory it
 * was not given. */
#include "attack.h"

#define UNPRIV_TRIES	19
#define DELEGATE_TRIES	11
#define MR_PATTERN	0xa5a5a5a5u

static uint32_t root_image_base(void)
{
	const struct l4_kip *kip = l4_kip();
	for (uint32_t i = 0; i < kip->num_mem; i++)
		if (kip->mem[i].type == L4_MEM_ROOT_IMAGE)
			return kip->mem[i].base;
	return 0;
}

/* Reading another thread's registers must not leak them into our MRs. */
static uint32_t exregs_leak(l4_tid_t victim, int *result)
{
	uint32_t *mr = l4_utcb()->mr, changed = 0;
	for (int i = 0; i < L4_EXREG_WORDS; i++)
		mr[i] = MR_PATTERN;
	*result = l4_exchange_registers(victim, 0, 0, 0);
	for (int i = 0; i < L4_EXREG_WORDS; i++)
		changed += mr[i] != MR_PATTERN;
	return changed;
}

static void unprivileged(uint32_t victim)
{
	l4_tid_t me = l4_myself(), made = 0;
	uint32_t r[UNPRIV_TRIES];
	int read_result;
	r[0] = (uint32_t)l4_map(victim, 0x40000000u, STACK_VA, L4_PAGE_SIZE,
				L4_PERM_READ | L4_PERM_WRITE, 0);
	r[1] = (uint32_t)l4_unmap(victim, STACK_VA, L4_PAGE_SIZE, 0);
	r[2] = (uint32_t)l4_protect(victim, STACK_VA, L4_PAGE_SIZE, L4_PERM_READ, 0);
	r[4] = exregs_leak(victim, &read_result);
	r[3] = (uint32_t)read_result;
	r[5] = (uint32_t)l4_exchange_registers(victim, L4_EXREG_SET_PC | L4_EXREG_SET_SP |
					       L4_EXREG_RESUME, 0, 0);
	r[6] = (uint32_t)l4_exchange_registers(victim, L4_EXREG_SUSPEND, 0, 0);
	r[7] = (uint32_t)l4_thread_create(victim, me, 100, &made);
	r[8] = (uint32_t)l4_thread_destroy(victim);
	r[9] = (uint32_t)l4_thread_set_pager(victim, me);
	r[10] = (uint32_t)l4_thread_resume(victim);
	r[11] = (uint32_t)l4_schedule(victim, 255, 0);
	r[12] = (uint32_t)l4_space_control(L4_SC_GRANT_PHYS, me, 0x40000000u, L4_PAGE_SIZE);
	r[13] = (uint32_t)l4_space_control(L4_SC_SET_QUOTA, victim, 0, 0);
	r[14] = (uint32_t)l4_space_control(L4_SC_SET_PRIVILEGED, me, 0, 0);
	r[15] = (uint32_t)l4_unmap(root_tid, (uint32_t)&root_tid & ~(L4_PAGE_SIZE - 1),
				   L4_PAGE_SIZE, 0);
	r[16] = (uint32_t)l4_exchange_registers(root_tid, L4_EXREG_SET_PC, 0, 0);
	r[17] = (uint32_t)l4_thread_destroy(root_tid);
	r[18] = (uint32_t)l4_kernel_access(L4_KREGION_TEXT, 0);
	send_results(r, UNPRIV_TRIES);
}

static void test_unprivileged(void)
{
	static const char *const names[UNPRIV_TRIES] = {
		"reach: map into another space", "reach: unmap another space's page",
		"reach: protect another space's page", "reach: read another thread's registers",
		"reach: a refused read leaks nothing into the MRs",
		"reach: set another thread's pc and sp", "reach: suspend another thread",
		"reach: create a thread in another space", "reach: destroy another space's thread",
		"reach: become another thread's pager", "reach: resume another thread",
		"reach: raise another thread's priority", "reach: grant itself physical memory",
		"reach: set another space's quota", "reach: make itself privileged",
		"reach: unmap the root's memory", "reach: set the root's pc",
		"reach: destroy the root", "reach: ask the kernel about its own mappings",
	};
	uint32_t results[UNPRIV_TRIES];
	l4_tid_t victim = victim_start(0x71c71e5u);
	l4_tid_t attacker = spawn_in_new_space_perms(unprivileged, victim, root_tid, IMAGE_RX);
	check_true("reach: results came back", attacker_results(attacker, results, UNPRIV_TRIES), 0);
	for (int i = 0; i < UNPRIV_TRIES; i++)
		check_eq(names[i], (int32_t)results[i], i == 4 ? 0 : -L4_EPERM);
	check_true("reach: the victim's memory and thread unharmed", victim_intact(victim, 0x71c71e5u), 0);
	check_eq("reach: the victim is not suspended", l4_exchange_registers(victim, 0, 0, 0), 0);
	check_eq("reach: state word", (int32_t)(l4_utcb()->mr[L4_EXREG_STATE] & L4_THREAD_SUSPENDED), 0);
	l4_thread_destroy(attacker);
	l4_thread_destroy(victim);
}

/* Privileged like a pager, but given one page: may map that, nothing else. */
static void delegate(uint32_t granted)
{
	l4_tid_t me = l4_myself();
	uint32_t r[DELEGATE_TRIES], rw = L4_PERM_READ | L4_PERM_WRITE;
	l4_receive(root_tid, L4_TIMEOUTS_NEVER, 0);
	r[0] = (uint32_t)l4_map(me, granted, 0x50000000u, L4_PAGE_SIZE, rw, 0);
	r[1] = (uint32_t)l4_map(me, granted + L4_PAGE_SIZE, 0x50001000u, L4_PAGE_SIZE, rw, 0);
	r[2] = (uint32_t)l4_map(me, root_image_base(), 0x50002000u, L4_PAGE_SIZE, rw, 0);
	r[3] = (uint32_t)l4_map(me, l4_kip_device(L4_DEV_UART)->base, 0x50003000u, L4_PAGE_SIZE, rw | L4_PERM_DEVICE, 0);
	r[4] = (uint32_t)l4_map(me, granted, 0x50004000u, 2 * L4_PAGE_SIZE, rw, 0);
	r[5] = (uint32_t)l4_map(me, granted, L4_UTCB_AREA, L4_PAGE_SIZE, rw, 0);
	r[6] = (uint32_t)l4_map(me, granted, L4_KIP_ADDR, L4_PAGE_SIZE, rw, 0);
	r[7] = (uint32_t)l4_map(me, granted, 0x80000000u, L4_PAGE_SIZE, rw, 0);
	r[8] = (uint32_t)l4_space_control(L4_SC_GRANT_PHYS, me, granted + L4_PAGE_SIZE, L4_PAGE_SIZE);
	r[9] = (uint32_t)l4_map(me, granted, 0, L4_PAGE_SIZE, rw, 0);
	r[10] = (uint32_t)l4_map(me, granted, 0, L4_PAGE_SIZE, L4_PERM_READ | L4_PERM_EXEC, 0);
	send_results(r, DELEGATE_TRIES);
}

static void test_delegated(void)
{
	static const char *const names[DELEGATE_TRIES] = {
		"phys: the granted page maps", "phys: the next page was not given",
		"phys: the root's image was not given", "phys: the UART was not given",
		"phys: a range running past the grant", "phys: over the UTCB area",
		"phys: over the KIP", "phys: into the kernel half",
		"phys: granting itself more", "phys: page 0 (NULL) read-write",
		"phys: page 0 (NULL) executable",
	};
	static const int32_t expected[DELEGATE_TRIES] = {
		0, -L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EINVAL, -L4_EINVAL, -L4_EINVAL,
		-L4_EPERM, -L4_EINVAL, -L4_EINVAL,
	};
	uint32_t page = phys_page(), results[DELEGATE_TRIES];
	phys_page();	/* the page after it stays with the root */
	l4_tid_t t = spawn_in_new_space_perms(delegate, page, root_tid, IMAGE_RX);
	check_eq("phys: grant one page", l4_space_control(L4_SC_GRANT_PHYS, t, page, L4_PAGE_SIZE), 0);
	check_eq("phys: make the space privileged", l4_space_control(L4_SC_SET_PRIVILEGED, t, 0, 0), 0);
	l4_utcb()->mr[0] = L4_TAG(0, 0);
	check_eq("phys: let it start", l4_send(t, WAIT), 0);
	check_true("phys: results came back", attacker_results(t, results, DELEGATE_TRIES), 0);
	for (int i = 0; i < DELEGATE_TRIES; i++)
		check_eq(names[i], (int32_t)results[i], expected[i]);
	l4_thread_destroy(t);
}

void attack_reach(void)
{
	test_unprivileged();
	test_delegated();
}
