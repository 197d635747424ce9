/* echo_handlers.h - what the example echo server's handlers saw, for the protocol tests. */
#ifndef ECHO_HANDLERS_H
#define ECHO_HANDLERS_H

#include "test_echo_server.h"

struct echo_state {
	unsigned handler_calls;
	uint32_t last_notify;
	l4_tid_t last_client;
	int waiting;			/* a wait is deferred on wait_event */
	uint32_t wait_event;
	idlrt_token_t wait_token;
	int posted;			/* a post came before any wait */
	uint32_t posted_event;
	int32_t posted_value;
	int reply_status;		/* what echo_wait_reply returned */
	char log_line[61];
};

extern struct echo_state echo_state;

void echo_state_reset(void);

#endif
