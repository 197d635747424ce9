/* procattack.h - the process attack tests: an ordinary program (init, under mm0
 * with fs0 and the console) tries to end, signal or restart the boot servers,
 * and checks that limits and faults end in errors and reports, not silence. */
#ifndef PROCATTACK_H
#define PROCATTACK_H

#include <signal.h>
#include <stdio.h>
#include "tap.h"

/* Forks a child that runs fn and exits with its result; the child's wait status, or -1. */
int run_in_child(int (*fn)(void));
/* fs0 still answers: a byte goes through a new pipe and back. */
bool files_work(void);
/* The boot servers' pids: every process started before init. */
int first_server_pid(void);
int last_server_pid(void);

void test_servers(void);
void test_sigpipe(void);
void test_crash(void);
void test_limits(void);
void test_threads(void);

#endif
