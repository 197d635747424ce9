/* driver.h - idlc's command line as a function, so tests can run it in-process. */
#ifndef IDLC_DRIVER_H
#define IDLC_DRIVER_H

#include <stdio.h>

#ifndef IDLC_PACKAGE
#define IDLC_PACKAGE "larch"
#endif
#ifndef IDLC_VERSION
#define IDLC_VERSION "0.1.0"
#endif

/* Runs idlc with argv; help and version go to out, errors to diag. Returns the exit status. */
int idlc_main(int argc, char **argv, FILE *out, FILE *diag);

#endif
