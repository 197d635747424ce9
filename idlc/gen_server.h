/* gen_server.h - the back end that writes BASE_server.h and BASE_server.c. */
#ifndef IDLC_GEN_SERVER_H
#define IDLC_GEN_SERVER_H

#include "gen_common.h"

/* BASE_server.h: handler prototypes and the dispatch entry points. */
void gen_server_header(struct gen *g);
/* BASE_server.c: validating dispatch and reply encoders. */
void gen_server(struct gen *g);

#endif
