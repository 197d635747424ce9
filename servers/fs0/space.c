/* space.c - the count of file and pipe data bytes and its limit, shared by
 * ramfs.c, pipe.c and logic_life.c as plain variables so the write paths
 * make no calls to count. */
#include "space.h"

uint64_t fs0_data_bytes;
uint64_t fs0_space_limit = UINT64_MAX;
