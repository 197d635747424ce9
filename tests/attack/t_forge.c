/* t_forge.c - identity attacks: forging the sender id or a kernel message,
 * answering someone else's call or fault, and using a stale thread id. */
#include "attack.h"

#define LABEL_CLAIM	0x310u
#define LABEL_CALL	0x320u
#define LABEL_ANSWER	0x321u
#define LABEL_SAW	0x322u
#define LABEL_HIJACK	0x666u
#define FAULT_VA	0x50000000u
#define SHORT_WAIT	L4_TIMEOUTS(10, 10)
#define NO_WAIT		L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO)

/* Claims to be the victim in its UTCB and its message, then tries to send
 * kernel messages and to reach the victim. */
static void forger(uint32_t victim)
{
	uint32_t *mr = l4_utcb()->mr, results[3];
	l4_utcb()->my_tid = victim;
	mr[0] = L4_TAG(LABEL_CLAIM, 1);
	mr[1] = victim;
	l4_send(root_tid, L4_TIMEOUTS_NEVER);
	mr[0] = L4_TAG(L4_LABEL_PAGEFAULT, L4_FAULT_WORDS);
	results[0] = (uint32_t)l4_send(root_tid, NO_WAIT);
	mr[0] = L4_TAG(L4_LABEL_EXCEPTION, 4);
	results[1] = (uint32_t)l4_send(root_tid, NO_WAIT);
	mr[0] = L4_TAG(LABEL_HIJACK, 0);
	results[2] = (uint32_t)l4_send(victim, SHORT_WAIT);
	send_results(results, 3);
}

static void test_forged_sender(void)
{
	uint32_t *mr = l4_utcb()->mr, results[3];
	l4_tid_t victim = victim_start(0x5ec7e7u);
	l4_tid_t forger_tid = spawn_in_new_space_perms(forger, victim, root_tid, IMAGE_RX);
	l4_tid_t from = 0;
	int r = l4_receive(L4_ANYTHREAD, WAIT, &from);
	check_true("forge: the kernel names the real sender, whatever the UTCB and message claim",
		   r == 0 && from == forger_tid && L4_TAG_LABEL(mr[0]) == LABEL_CLAIM &&
		   mr[1] == victim, from);
	check_true("forge: results came back", attacker_results(forger_tid, results, 3), 0);
	check_eq("forge: a page-fault message from user space refused", (int32_t)results[0], -L4_EINVAL);
	check_eq("forge: an exception message from user space refused", (int32_t)results[1], -L4_EINVAL);
	check_eq("forge: a victim in a closed receive takes nothing", (int32_t)results[2], -L4_ETIMEOUT);
	r = l4_receive(L4_ANYTHREAD, NO_WAIT, &from);
	check_eq("forge: nothing else reached the root", r, -L4_ETIMEOUT);
	check_true("forge: the victim saw no stranger", victim_intact(victim, 0x5ec7e7u), 0);
	l4_thread_destroy(forger_tid);
	l4_thread_destroy(victim);
}

/* Calls the root and reports the answer it got: its label and sender. */
static void caller(uint32_t unused)
{
	(void)unused;
	uint32_t *mr = l4_utcb()->mr, results[3];
	mr[0] = L4_TAG(LABEL_CALL, 0);
	int r = l4_call(root_tid);
	results[0] = (uint32_t)r;
	results[1] = L4_TAG_LABEL(mr[0]);
	results[2] = l4_utcb()->mr[1];
	send_results(results, 3);
}

/* Tries to answer a call or a fault that is not its to answer. */
static void hijacker(uint32_t target)
{
	uint32_t *mr = l4_utcb()->mr, results[3];
	mr[0] = L4_TAG(LABEL_HIJACK, 1);
	mr[1] = 0xbadu;
	results[0] = (uint32_t)l4_send(target, NO_WAIT);
	results[1] = (uint32_t)l4_send(target, SHORT_WAIT);
	results[2] = (uint32_t)l4_exchange_registers(target, L4_EXREG_CANCEL_IPC, 0, 0);
	send_results(results, 3);
}

static void test_reply_hijack(void)
{
	uint32_t *mr = l4_utcb()->mr, results[3];
	l4_tid_t call_tid = spawn_in_new_space_perms(caller, 0, root_tid, IMAGE_RX);
	l4_tid_t from = 0;
	int r = l4_receive(call_tid, WAIT, &from);
	check_true("hijack: the call arrived", r == 0 && L4_TAG_LABEL(mr[0]) == LABEL_CALL, (uint32_t)r);
	l4_tid_t thief = spawn_in_new_space_perms(hijacker, call_tid, root_tid, IMAGE_RX);
	check_true("hijack: results came back", attacker_results(thief, results, 3), 0);
	check_eq("hijack: answering another's call at once refused", (int32_t)results[0], -L4_ETIMEOUT);
	check_eq("hijack: answering another's call, waiting, refused", (int32_t)results[1], -L4_ETIMEOUT);
	check_eq("hijack: cancelling another's call refused", (int32_t)results[2], -L4_EPERM);
	mr[0] = L4_TAG(LABEL_ANSWER, 1);
	mr[1] = 0x600du;
	check_eq("hijack: the root answers", l4_send(call_tid, WAIT), 0);
	check_true("hijack: results of the caller", attacker_results(call_tid, results, 3), 0);
	check_true("hijack: the caller got the root's answer only",
		   results[0] == 0 && results[1] == LABEL_ANSWER && results[2] == 0x600du, results[1]);
	l4_thread_destroy(thief);
	l4_thread_destroy(call_tid);
}

/* Touches an unmapped page, then reports what it read there. */
static void faulter(uint32_t unused)
{
	(void)unused;
	uint32_t results[1] = { *(volatile uint32_t *)FAULT_VA };
	send_results(results, 1);
}

static void test_fault_hijack(void)
{
	uint32_t *mr = l4_utcb()->mr, results[3];
	uint32_t page = phys_page();
	l4_tid_t fault_tid = spawn_in_new_space_perms(faulter, 0, root_tid, IMAGE_RX);
	int r = l4_receive(fault_tid, WAIT, 0);
	check_true("fault hijack: the fault reached the pager",
		   r == 0 && L4_TAG_LABEL(mr[0]) == L4_LABEL_PAGEFAULT && mr[1] == FAULT_VA, mr[1]);
	l4_tid_t thief = spawn_in_new_space_perms(hijacker, fault_tid, root_tid, IMAGE_RX);
	check_true("fault hijack: results came back", attacker_results(thief, results, 3), 0);
	check_eq("fault hijack: a stranger's reply to a fault refused", (int32_t)results[0], -L4_ETIMEOUT);
	check_eq("fault hijack: waiting does not help", (int32_t)results[1], -L4_ETIMEOUT);
	check_eq("fault hijack: cancelling the fault refused", (int32_t)results[2], -L4_EPERM);
	check_eq("fault hijack: the pager maps the page", l4_map(fault_tid, page, FAULT_VA, L4_PAGE_SIZE,
		 L4_PERM_READ, 0), 0);
	mr[0] = L4_TAG(0, 0);
	l4_send(fault_tid, WAIT);
	check_true("fault hijack: the thread resumed and read the page",
		   attacker_results(fault_tid, results, 1), 0);
	l4_thread_destroy(thief);
	l4_thread_destroy(fault_tid);
}

/* Given a stale id, tries to use it. */
static void stale_user(uint32_t stale)
{
	uint32_t *mr = l4_utcb()->mr, results[2];
	mr[0] = L4_TAG(LABEL_HIJACK, 0);
	results[0] = (uint32_t)l4_send(stale, NO_WAIT);
	results[1] = (uint32_t)l4_receive(stale, NO_WAIT, 0);
	send_results(results, 2);
}

static void test_stale_tid(void)
{
	l4_tid_t old = L4_NILTHREAD, fresh = L4_NILTHREAD, made[8];
	uint32_t results[2], count = 0;
	check_eq("stale: create", l4_thread_create(L4_NILTHREAD, root_tid, 100, &old), 0);
	check_eq("stale: destroy", l4_thread_destroy(old), 0);
	while (count < 8 && l4_thread_create(L4_NILTHREAD, root_tid, 100, &made[count]) == 0) {
		if (L4_TID_SLOT(made[count]) == L4_TID_SLOT(old))
			fresh = made[count];
		count++;
		if (fresh)
			break;
	}
	check_true("stale: the slot is reused with a new version",
		   fresh != L4_NILTHREAD && fresh != old, fresh);
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(LABEL_HIJACK, 0);
	check_eq("stale: send to a stale id", l4_send(old, NO_WAIT), -L4_ENOTHREAD);
	check_eq("stale: receive from a stale id", l4_receive(old, NO_WAIT, 0), -L4_ENOTHREAD);
	check_eq("stale: exregs on a stale id", l4_exchange_registers(old, 0, 0, 0), -L4_ENOTHREAD);
	check_eq("stale: destroy a stale id", l4_thread_destroy(old), -L4_ENOTHREAD);
	check_eq("stale: map through a stale id", l4_map(old, phys_page(), 0x60000000u, L4_PAGE_SIZE,
		 L4_PERM_READ, 0), -L4_ENOTHREAD);
	check_eq("stale: the new thread lives on", l4_exchange_registers(fresh, 0, 0, 0), 0);
	l4_tid_t user = spawn_in_new_space_perms(stale_user, old, root_tid, IMAGE_RX);
	check_true("stale: results came back", attacker_results(user, results, 2), 0);
	check_eq("stale: an attacker's send to a stale id", (int32_t)results[0], -L4_ENOTHREAD);
	check_eq("stale: an attacker's receive from a stale id", (int32_t)results[1], -L4_ENOTHREAD);
	l4_thread_destroy(user);
	for (uint32_t i = 0; i < count; i++)
		l4_thread_destroy(made[i]);
}

void attack_forge(void)
{
	test_forged_sender();
	test_reply_hijack();
	test_fault_hijack();
	test_stale_tid();
}
