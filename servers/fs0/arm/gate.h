/* gate.h - the disk's gate in fs0 on the target: one request at a time in
 * whatever may reach the disk, the others in arrival order (gate.c). */
#ifndef FS0_GATE_H
#define FS0_GATE_H

#include <stdbool.h>
#include <idlrt/idlrt.h>

/* Whether rq must hold the gate: every request but a read or write of a
 * descriptor whose file is not on the disk (a pipe, a device, a file in RAM)
 * and poll. Those touch only RAM and never wait, so they run while a request
 * that holds the gate waits for the disk. */
bool gate_needed(const struct idlrt_request *rq);
/* Takes the gate, waiting (on the calling fiber) behind those before. */
void gate_enter(void);
/* Takes the gate if nobody holds it: whether it did. */
bool gate_try_enter(void);
/* Passes the gate to the first waiting fiber (woken, not yet running). */
void gate_leave(void);

#endif
