/* mm0_wait.h - the wait-status encoding, written by mm0 and read by its
 * clients, as macros on the constants of idl/mm0_types.idl (Linux's). */
#ifndef MM0_WAIT_H
#define MM0_WAIT_H

#include "mm0_types.h"

/* Each gives an int, as wait(2)'s status and its parts are. */
#define MM0_W_EXITCODE(code)	((int)(((code) & MM0_WSTATUS_CODE_MASK) << MM0_WSTATUS_CODE_SHIFT))
#define MM0_W_SIGNALED(sig)	((int)((sig) & MM0_WSTATUS_SIGNAL_MASK))
#define MM0_WIFEXITED(status)	(((status) & MM0_WSTATUS_SIGNAL_MASK) == 0)
#define MM0_WEXITSTATUS(status)	((int)(((status) >> MM0_WSTATUS_CODE_SHIFT) & MM0_WSTATUS_CODE_MASK))
#define MM0_WTERMSIG(status)	((int)((status) & MM0_WSTATUS_SIGNAL_MASK))

#endif
