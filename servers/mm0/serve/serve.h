/* mm0's one message entry: kernel fault and exception messages, then the IDL dispatch. */
#ifndef MM0_SERVE_H
#define MM0_SERVE_H

#include <idlrt/idlrt.h>

#include "proc/exit.h"

/* Print every request decoded (the dispatch is built with idlc --trace). */
extern int serve_trace;

/* Handles one received message: a page fault or exception from the kernel
 * (labels L4_LABEL_KERNEL_MIN and up), else a request of idl/mm0.idl.
 * Returns IDLRT_SEND_REPLY when rq->mr holds the reply to send. */
int mm0_serve(struct idlrt_request *rq);

/* The last fault or exception mm0 turned into a signal: whose, where and
 * at which pc, for the line mm0 prints when init dies of it. */
struct serve_fatal_fault {
	uint32_t pid;
	uint32_t addr;
	uint32_t pc;
};
extern struct serve_fatal_fault serve_last_fault;

/* Answers mm0's waiting timer thread, or cuts its sleep short, so it sleeps
 * until the earliest alarm (signal_requests.c; arm/signal_l4.c's timer_wake). */
void signal_timer_kick(void);

/* Deferred replies: a blocked waitpid is answered through the generated
 * reply site, addressed by the token kept with the request. */
void *serve_token(idlrt_token_t token);
extern const struct mm0_reply_ops serve_reply_ops;

#endif
