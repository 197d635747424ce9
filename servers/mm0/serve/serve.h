/* mm0's one message entry: kernel fault and exception messages, then the IDL dispatch. */
#ifndef MM0_SERVE_H
#define MM0_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <idlrt/idlrt.h>

#include "proc/exit.h"

struct parked_fault;
struct task;

/* Handles one received message: a page fault or exception from the kernel
 * (labels L4_LABEL_KERNEL_MIN and up), else a request of idl/mm0.idl.
 * Returns IDLRT_SEND_REPLY when rq->mr holds the reply to send. */
int mm0_serve(struct idlrt_request *rq);

/* page_wait_retry's body: a parked fault runs again (mem/page_wait.h) and,
 * resolved, its thread gets the fault's empty answer. */
void serve_fault_retry(const struct parked_fault *fault, bool may_park);

/* The last fault or exception mm0 turned into a signal: whose, where, at
 * which pc and with which access (MM0_PROT_*), for the lines mm0 prints when
 * a process (serve/crash.c) or init (arm/main.c) dies of it. */
struct serve_fatal_fault {
	uint32_t pid;
	uint32_t addr;
	uint32_t pc;
	uint32_t access;
};
extern struct serve_fatal_fault serve_last_fault;

/* What mm.power_off calls with the asking process's id: on the target it
 * writes the disk back and stops the machine (serve/power_requests.c). */
extern void (*serve_power_off)(long pid);

/* Where crash lines go (serve/crash.c); NULL: nowhere. */
extern void (*serve_crash_print)(const char *line);
/* One decoded line for a process a fault ends (signal_fault_fatal's shape):
 * pid, program, signal, access and address, pc, and what the pager found. */
int crash_line(char *line, size_t size, const struct task *thread, int signo, uint32_t addr,
	       int cause);
/* crash_line printed through serve_crash_print. */
void crash_report(const struct task *thread, int signo, uint32_t addr, int cause);

/* Answers mm0's waiting timer thread, or cuts its sleep short, so it sleeps
 * until the earliest alarm (signal_requests.c; arm/signal_l4.c's timer_wake). */
void signal_timer_kick(void);

/* mm0-trace.elf is built with -DMM0_TRACE and an idlc --trace dispatch:
 * every request and every deferred reply is traced. mm0.elf traces nothing. */
#ifdef MM0_TRACE
#define SERVE_TRACING 1
#else
#define SERVE_TRACING 0
#endif

/* Deferred replies: a blocked waitpid is answered through the generated
 * reply site, addressed by the token kept with the request. */
void *serve_token(idlrt_token_t token);
extern const struct mm0_reply_ops serve_reply_ops;

#endif
