/* victim.c - the party every attack aims at, and the checks that it is
 * unharmed; the small protocol between attackers and the root. */
#include "attack.h"

/* Answers only the root (a closed receive), so nothing an attacker sends
 * can reach it; counts the messages that came from anyone else anyway. */
static void victim(uint32_t secret)
{
	volatile uint32_t kept = secret;
	uint32_t strangers = 0, *mr = l4_utcb()->mr;
	l4_tid_t from = 0;
	for (;;) {
		int r = l4_receive(root_tid, L4_TIMEOUTS_NEVER, &from);
		if (r || from != root_tid || L4_TAG_LABEL(mr[0]) != LABEL_ASK) {
			strangers++;
			continue;
		}
		mr[0] = L4_TAG(LABEL_SECRET, 2);
		mr[1] = kept;
		mr[2] = strangers;
		l4_send(root_tid, L4_TIMEOUTS(L4_TIMEOUT_NEVER, 0));
	}
}

l4_tid_t victim_start(uint32_t secret)
{
	return spawn_in_new_space_perms(victim, secret, root_tid, IMAGE_RX);
}

bool victim_intact(l4_tid_t victim_tid, uint32_t secret)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(LABEL_ASK, 0);
	if (l4_send(victim_tid, WAIT))
		return false;
	l4_tid_t from = 0;
	if (l4_receive(victim_tid, WAIT, &from) || from != victim_tid)
		return false;
	return L4_TAG_LABEL(mr[0]) == LABEL_SECRET && mr[1] == secret && mr[2] == 0;
}

bool attacker_results(l4_tid_t attacker, uint32_t *results, unsigned n)
{
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t from = 0;
	if (l4_receive(attacker, WAIT, &from) || from != attacker ||
	    L4_TAG_LABEL(mr[0]) != LABEL_RESULTS || L4_TAG_WORDS(mr[0]) != n)
		return false;
	for (unsigned i = 0; i < n; i++)
		results[i] = mr[i + 1];
	return true;
}

void send_results(const uint32_t *results, unsigned n)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(LABEL_RESULTS, n);
	for (unsigned i = 0; i < n; i++)
		mr[i + 1] = results[i];
	l4_send(root_tid, L4_TIMEOUTS_NEVER);
	block_forever();
}

void check_kstats_equal(const char *name, const struct l4_kstats *before)
{
	struct l4_kstats now;
	l4_kstats(&now);
	check_true(name, now.free_kernel_pages == before->free_kernel_pages &&
		   now.threads == before->threads && now.spaces == before->spaces &&
		   now.page_tables == before->page_tables,
		   before->free_kernel_pages - now.free_kernel_pages);
}
