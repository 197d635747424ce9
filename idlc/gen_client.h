/* gen_client.h - the back end that writes BASE_client.c. */
#ifndef IDLC_GEN_CLIENT_H
#define IDLC_GEN_CLIENT_H

#include "gen_common.h"

/* Stubs that marshal straight into the MRs, call, and unmarshal. */
void gen_client(struct gen *g);

#endif
