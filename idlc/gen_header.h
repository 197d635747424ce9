/* gen_header.h - the back end that writes BASE.h. */
#ifndef IDLC_GEN_HEADER_H
#define IDLC_GEN_HEADER_H

#include "gen_common.h"

/* Types, constants, flag sets with their decoders, protocol numbers and client prototypes. */
void gen_header(struct gen *g);

#endif
