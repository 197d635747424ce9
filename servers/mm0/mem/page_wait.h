/* Faults that wait for a file page being read in: the asynchronous pager path. */
#ifndef MM0_PAGE_WAIT_H
#define MM0_PAGE_WAIT_H

#include <stdbool.h>
#include <stdint.h>

struct vm_object;

/* A thread's page fault, kept unanswered while its page is read. */
struct parked_fault {
	uint32_t tid;		/* the faulting thread (the reply goes to it) */
	uint32_t addr;
	unsigned access;	/* MM0_PROT_READ, WRITE or EXEC */
	uint32_t pc;
};

/* Runs a parked fault again from the start once its page's read ended (the
 * area may be gone, copy-on-write may apply now), and answers it; may_park
 * is false after a failed read, so that the fault reads synchronously and
 * gets the pager's error instead of waiting again. Set by the request layer. */
extern void (*page_wait_retry)(const struct parked_fault *fault, bool may_park);

/* Parks fault on page pgoff of file: joins the read of that page in flight
 * or queued, or queues a new one (the file held until it ends) and posts it
 * through the pager's post_page when no other read is in flight.
 * -EINPROGRESS when parked; -ENOSYS when the pager cannot read
 * asynchronously (read synchronously instead); else -errno. */
int page_wait_park(struct vm_object *file, uint32_t pgoff, const struct parked_fault *fault);

/* The read in flight ended with result (0 or -errno): its page joins the
 * file (unless the file shrank or the page came meanwhile), the next read is
 * posted, and every fault parked on it runs again through page_wait_retry. */
void page_wait_done(int result);

/* Thread tid no longer waits in its fault (it ended, or a signal took it out
 * of the fault): its parked faults are dropped, never answered. */
void page_wait_forget(uint32_t tid);

/* Reads in flight or queued (tests, and mm0_fini's accounting). */
unsigned page_wait_reads(void);

#endif
