/* grow_handlers.h - what the grow servers' handlers last received, for check_grow. */
#ifndef GROW_HANDLERS_H
#define GROW_HANDLERS_H

#include "test_grow_old_server.h"
#include "test_grow_server.h"

extern struct grow_old_settings grow_old_received;
extern struct grow_settings grow_received;

#endif
