/* Host fakes for mm0's kernel, waitpid reply and pager interfaces: a recording fake MMU. */
#ifndef MM0_FAKE_KERNEL_H
#define MM0_FAKE_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/kernel_ops.h"
#include "mem/vm_object.h"
#include "proc/exit.h"

struct fake_pte {
	struct fake_pte *next;
	uint32_t virt;
	uint32_t phys;
	unsigned perms;
};

struct fake_space {
	struct fake_space *next;
	struct fake_pte *ptes;
	unsigned threads;
};

struct fake_thread {
	struct fake_thread *next;
	uint32_t tid;
	struct fake_space *space;
	uint32_t utcb;
	bool started;
	uint32_t pc, sp, r0;
	uint64_t cpu_ns;	/* what cpu_time answers: tests set it */
};

struct fake_counts {
	unsigned map, unmap, protect, thread_create, thread_destroy, thread_start;
	unsigned get_page, put_page;
};

extern const struct kernel_ops fake_kernel_ops;
extern const struct mm0_reply_ops fake_reply_ops;
extern const struct file_pager_ops fake_pager_ops;
extern struct fake_counts fake_counts;
/* Make the next thread_create fail with this -errno (0: none). */
extern int fake_thread_create_error;
/* Make the next get_page fail with this -errno (0: none). */
extern int fake_pager_error;

void fake_reset(void);
/* Frees the fake's records; false when spaces or threads were left over. */
bool fake_all_released(void);
struct fake_thread *fake_thread_find(uint32_t tid);
/* Every live fake thread, as a list through ->next. */
struct fake_thread *fake_threads(void);
/* A running thread in its own space that the fake did not create (mm0's). */
int fake_adopt_thread(uint32_t tid);
struct fake_pte *fake_pte_find(uint32_t space_tid, uint32_t virt);
unsigned fake_space_count(void);
unsigned fake_pte_count(uint32_t space_tid);

/* The byte a fake file holds at offset (file id picks the pattern). */
uint8_t fake_file_byte(uint32_t file_id, uint32_t offset);
/* Last page written back by put_page. */
extern uint32_t fake_put_pgoff;
extern uint8_t fake_put_first_byte;

/* A deferred request's answer: waitpid's, sigsuspend's, sigreturn's, timer_wait's or
 * sigtimedwait's. */
enum fake_reply_op { FAKE_REPLY_WAITPID, FAKE_REPLY_SIGSUSPEND, FAKE_REPLY_SIGRETURN,
		     FAKE_REPLY_TIMER_WAIT, FAKE_REPLY_SIGWAIT };
struct fake_reply {
	void *token;
	long result;
	int status;
	enum fake_reply_op op;
};
extern struct fake_reply fake_replies[64];
extern unsigned fake_reply_count;
/* The reply recorded for token, or NULL. */
struct fake_reply *fake_reply_for(void *token);

/* The signal and timer code's clock, moved by the tests by hand (milliseconds), and
 * how often that code woke mm0's timer thread: signal_kernel_ops's now_ms and
 * timer_wake for the signal and timer suites. */
extern uint64_t fake_clock_ms;
extern unsigned fake_timer_wakes;
uint64_t fake_now_ms(void *ctx);
void fake_timer_wake(void *ctx);

#endif
