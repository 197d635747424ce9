/* Pending signals with their siginfo, in the order they were generated: standard
 * signals at most once, real-time signals once per sending, up to a limit. */
#include <errno.h>

#include <server/counted_alloc.h>
#include "proc/signal_queue.h"

int signal_queue_add(struct signal_pending *pending, const struct mm_siginfo *info,
		     uint32_t limit)
{
	uint64_t bit = MM0_SIGBIT(info->signo);
	bool realtime = info->signo >= MM0_SIGRTMIN;
	struct signal_queued *entry, **end;

	if (!realtime && (pending->set & bit))
		return 0;
	if (realtime && pending->queued >= limit)
		return -EAGAIN;
	entry = counted_alloc(sizeof(*entry));
	if (!entry) {
		if (realtime)
			return -EAGAIN;
		/* A standard signal is still generated, only without its siginfo. */
		pending->set |= bit;
		return 0;
	}
	entry->info = *info;
	for (end = &pending->queue; *end; end = &(*end)->next)
		;
	*end = entry;
	pending->queued++;
	pending->set |= bit;
	return 0;
}

void signal_queue_take(struct signal_pending *pending, int signo, struct mm_siginfo *info)
{
	struct signal_queued **at = &pending->queue, *entry;
	bool taken = false;

	*info = (struct mm_siginfo){ .signo = signo, .code = MM0_SI_KERNEL };
	while ((entry = *at)) {
		if (entry->info.signo != signo) {
			at = &entry->next;
			continue;
		}
		if (taken)
			return;		/* another instance stays pending */
		*info = entry->info;
		*at = entry->next;
		counted_free(entry);
		pending->queued--;
		taken = true;
	}
	pending->set &= ~MM0_SIGBIT(signo);
}

void signal_queue_discard(struct signal_pending *pending, uint64_t set)
{
	struct signal_queued **at = &pending->queue, *entry;

	while ((entry = *at)) {
		if (set & MM0_SIGBIT(entry->info.signo)) {
			*at = entry->next;
			counted_free(entry);
			pending->queued--;
		} else {
			at = &entry->next;
		}
	}
	pending->set &= ~set;
}
