/* sigtest.h - the signal suite on the target: TAP output, one check per line. */
#ifndef SIGTEST_H
#define SIGTEST_H

#include <signal.h>
#include <stdio.h>
#include "tap.h"


/* Forks a child that runs fn and exits with its result; the child's wait status, or -1. */
int run_in_child(int (*fn)(void), int *child_pid);
/* Installs handler for signo with flags (SA_SIGINFO added); 0 or -1. */
int catch_signal(int signo, void (*handler)(int, siginfo_t *, void *), int flags);
/* A page of memory shared with children (MAP_SHARED|MAP_ANONYMOUS). */
volatile int *shared_words(void);
/* Sleeps ms milliseconds of virtual time. */
void sleep_ms(long ms);

void test_catch(void);
void test_default(void);
void test_async(void);

#endif
