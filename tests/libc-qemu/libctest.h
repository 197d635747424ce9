/* libctest.h - the C library suite on the target: its parts, TAP output. */
#ifndef LIBCTEST_H
#define LIBCTEST_H

#include <stdio.h>
#include "tap.h"

void test_table(void);
void test_stdio(void);
void test_malloc(void);
void test_functions(void);
void test_accounts(void);
void test_spawn(void);
/* The program's role when posix_spawn runs it: its status says what it got. */
int spawned_child(int argc, char **argv);

#endif
