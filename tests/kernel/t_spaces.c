/* t_spaces.c - a second address space: IPC across spaces, unprivileged
 * calls refused, delegation and privilege, kernel-memory quotas. */
#include "ktest.h"

#define LABEL_RESULTS	0x200u

static void idle_thread(uint32_t arg)
{
	(void)arg;
	block_forever();
}

/* Runs unprivileged in its own space and reports what the kernel said. */
static void unprivileged(uint32_t victim)
{
	l4_tid_t me = l4_myself(), mine = 0, other = 0;
	uint32_t *mr = l4_utcb()->mr;
	int results[14];
	results[0] = l4_map(me, 0x48000000u - 4096, 0x50000000u, 4096, L4_PERM_READ, 0);
	results[1] = l4_unmap(me, 0x40000000u, 4096, 0);
	results[2] = l4_protect(me, 0x40000000u, 4096, L4_PERM_READ, 0);
	results[3] = l4_thread_create(victim, 0, 10, &other);
	results[4] = l4_thread_destroy(victim);
	results[5] = l4_exchange_registers(victim, L4_EXREG_SUSPEND, 0, 0);
	results[6] = l4_schedule(victim, 1, 0);
	results[7] = l4_space_control(L4_SC_SET_PRIVILEGED, me, 0, 0);
	results[8] = l4_irq_control(L4_IRQ_BIND, 33, me);
	results[9] = l4_poweroff(3);
	results[10] = l4_thread_create(L4_NILTHREAD, 0, 10, &other);
	results[11] = l4_thread_create(me, 0, 10, &mine);
	results[12] = mine ? l4_thread_destroy(mine) : -99;
	results[13] = l4_thread_suspend(victim);
	mr[0] = L4_TAG(LABEL_RESULTS, 14);
	for (int i = 0; i < 14; i++)
		mr[i + 1] = (uint32_t)results[i];
	l4_call(root_tid);
	block_forever();
}

static void test_unprivileged(void)
{
	static const char *const names[14] = {
		"unprivileged: map refused", "unprivileged: unmap refused",
		"unprivileged: protect refused", "unprivileged: create in another space refused",
		"unprivileged: destroy in another space refused",
		"unprivileged: exregs on another space refused",
		"unprivileged: schedule another space refused",
		"unprivileged: set privileged refused", "unprivileged: irq bind refused",
		"unprivileged: poweroff refused", "unprivileged: create a new space refused",
		"unprivileged: create in own space allowed", "unprivileged: destroy own thread allowed",
		"unprivileged: suspend another space refused",
	};
	static const int expected[14] = {
		-L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EPERM,
		-L4_EPERM, -L4_EPERM, -L4_EPERM, -L4_EPERM, 0, 0, -L4_EPERM,
	};
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t victim = spawn(idle_thread, 0, 100, 0);
	l4_tid_t u = spawn_in_new_space(unprivileged, victim, root_tid);
	check_true("space: thread in a new space started", u != L4_NILTHREAD, u);
	l4_tid_t from = 0;
	int r = l4_receive(u, WAIT, &from);
	check_true("space: IPC from another space", r == 0 && L4_TAG_LABEL(mr[0]) == LABEL_RESULTS &&
		   from == u, (uint32_t)r);
	for (int i = 0; i < 14; i++)
		check_eq(names[i], (int32_t)mr[i + 1], expected[i]);
	mr[0] = 0;
	check_eq("space: reply across spaces", l4_send(u, L4_TIMEOUTS(0, 0)), 0);
	check_eq("space: victim untouched", l4_exchange_registers(victim, 0, 0, 0), 0);
	check_eq("space: victim not suspended", (int32_t)(mr[L4_EXREG_STATE] & L4_THREAD_SUSPENDED), 0);
	l4_thread_destroy(u);
	l4_thread_destroy(victim);
}

static void test_quota(void)
{
	struct l4_kstats before, after;
	l4_kstats(&before);
	l4_tid_t first = spawn_in_new_space(idle_thread, 0, root_tid);
	check_eq("quota: set a small quota", l4_space_control(L4_SC_SET_QUOTA, first, 12, 0), 0);
	l4_tid_t made[16];
	int n = 0, r = 0;
	while (n < 16 && (r = l4_thread_create(first, 0, 10, &made[n])) == 0)
		n++;
	check_eq("quota: creating threads ends in ENOMEM", r, -L4_ENOMEM);
	check_true("quota: some threads fitted first", n >= 1 && n < 8, (uint32_t)n);
	check_eq("quota: set a quota below the use", l4_space_control(L4_SC_SET_QUOTA, first, 1, 0), 0);
	check_eq("quota: mapping over the quota fails", l4_map(first, phys_page(), 0x60000000u, 4096,
		 L4_PERM_READ, 0), -L4_ENOMEM);
	check_eq("quota: raise it again", l4_space_control(L4_SC_SET_QUOTA, first, 64, 0), 0);
	check_eq("quota: now the map works", l4_map(first, phys_page(), 0x60000000u, 4096,
		 L4_PERM_READ, 0), 0);
	for (int i = 0; i < n; i++)
		l4_thread_destroy(made[i]);
	l4_thread_destroy(first);
	l4_kstats(&after);
	check_true("quota: all kernel memory returned", after.free_kernel_pages == before.free_kernel_pages &&
		   after.spaces == before.spaces && after.threads == before.threads,
		   before.free_kernel_pages - after.free_kernel_pages);
}

/* Runs in a space made privileged and given one page: it may map that
 * page, nothing else, and its fault goes to the root as pager. */
static void delegate(uint32_t granted)
{
	l4_tid_t me = l4_myself();
	int own = l4_map(me, granted, 0x50000000u, 4096, L4_PERM_READ | L4_PERM_WRITE, 0);
	int other = l4_map(me, granted + 4096, 0x50001000u, 4096, L4_PERM_READ, 0);
	volatile uint32_t *fresh = (volatile uint32_t *)0x51000000u;
	*fresh = 0x77;
	*(volatile uint32_t *)0x50000000u = 0x99;
	report(10, (uint32_t)own, (uint32_t)other, *fresh, *(volatile uint32_t *)0x50000000u);
	block_forever();
}

static void test_delegation(void)
{
	uint32_t page = phys_page(), *mr = l4_utcb()->mr, w[5];
	l4_tid_t t;
	check_eq("space: create in a new space", l4_thread_create(L4_NILTHREAD, root_tid, 100, &t), 0);
	check_eq("space: grant a page", l4_space_control(L4_SC_GRANT_PHYS, t, page, 4096), 0);
	check_eq("space: make privileged", l4_space_control(L4_SC_SET_PRIVILEGED, t, 0, 0), 0);
	check_eq("space: set quota of unknown", l4_space_control(L4_SC_SET_QUOTA, 0x1234, 1, 0),
		 -L4_ENOTHREAD);
	l4_thread_destroy(t);
	t = spawn_in_new_space(delegate, page, root_tid);
	l4_space_control(L4_SC_GRANT_PHYS, t, page, 4096);
	l4_space_control(L4_SC_SET_PRIVILEGED, t, 0, 0);
	int r = l4_receive(t, WAIT, 0);
	check_true("fault: from another space to its pager", r == 0 &&
		   L4_TAG_LABEL(mr[0]) == L4_LABEL_PAGEFAULT && mr[1] == 0x51000000u, mr[1]);
	check_eq("fault: pager maps into the other space", l4_map(t, phys_page(), 0x51000000u, 4096,
		 L4_PERM_READ | L4_PERM_WRITE, 0), 0);
	mr[0] = 0;
	l4_send(t, L4_TIMEOUTS(0, 0));
	r = wait_report(t, w);
	check_true("space: delegated page mapped by its new owner", r == 0 && w[1] == 0, w[1]);
	check_eq("space: page not granted refused", (int32_t)w[2], -L4_EPERM);
	check_true("space: both pages hold the written values", w[3] == 0x77 && w[4] == 0x99, w[3]);
	l4_thread_destroy(t);
}

static void say_hello(uint32_t round)
{
	report(9, round, 0, 0, 0);
	block_forever();
}

/* More spaces run than there are ASIDs: the generation rolls over. */
static void test_asid_rollover(void)
{
	uint32_t w[5], good = 0;
	for (uint32_t round = 0; round < 300; round++) {
		l4_tid_t t = spawn_in_new_space(say_hello, round, root_tid);
		if (t && wait_report(t, w) == 0 && w[1] == round)
			good++;
		l4_thread_destroy(t);
	}
	check_eq("asid: 300 spaces ran in turn (ASID rollover)", (int32_t)good, 300);
}

void test_spaces(void)
{
	test_asid_rollover();
	test_unprivileged();
	test_quota();
	test_delegation();
}
