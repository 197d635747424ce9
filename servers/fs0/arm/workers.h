/* workers.h - fs0 on several processors: a worker thread per processor,
 * each serving requests under fs0's lock (docs/fs0.md, "Worker threads"). */
#ifndef FS0_WORKERS_H
#define FS0_WORKERS_H

#include <stdint.h>
#include <idlrt/idlrt.h>

/* Starts a worker on every other processor, each serving with dispatch
 * (which takes fs0's lock itself) and receive_timeout under the lock, and
 * names them to clients (the workers request): how many started, 0 with
 * one processor. */
uint32_t workers_start(idlrt_dispatch_fn dispatch, int trace, uint16_t (*receive_timeout)(void));
/* Without a disk: starts the workers, names them to clients (the
 * workers request) and serves on the calling thread as one of them; with
 * one processor, the plain loop without the lock. receive_timeout is
 * poll's (main.c), trace the dispatch's. Never returns. */
void workers_serve(int trace, uint16_t (*receive_timeout)(void)) __attribute__((noreturn));

#endif
