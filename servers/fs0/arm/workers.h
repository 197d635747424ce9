/* workers.h - fs0 without a disk on several processors: a worker thread per
 * processor, each serving requests under fs0's lock (docs/fs0.md, "Worker
 * threads"). */
#ifndef FS0_WORKERS_H
#define FS0_WORKERS_H

#include <stdint.h>

/* Starts a worker on every other processor, names them to clients (the
 * workers request) and serves on the calling thread as one of them; with
 * one processor, the plain loop without the lock. receive_timeout is
 * poll's (main.c), trace the dispatch's. Never returns. */
void workers_serve(int trace, uint16_t (*receive_timeout)(void)) __attribute__((noreturn));

#endif
