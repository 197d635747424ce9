/* shmpeer.c - started by init through mm0: attaches the SysV segment whose
 * key is argv[1] and writes a pattern for init to see. */
#include <stdlib.h>

#include "mm0test_rt.h"

int main(int argc, char **argv)
{
	int id, addr;

	if (argc != 2)
		return 10;
	id = mm_shmget(mm0c_server(), atoi(argv[1]), 0, 0);
	if (id < 0)
		return 11;
	addr = mm_shmat(mm0c_server(), id, 0, 0);
	if (addr <= 0)
		return 12;
	((volatile uint32_t *)addr)[0] = 0x5348u;
	((volatile uint32_t *)addr)[4096 / 4] = 0x4d30u;
	return mm_shmdt(mm0c_server(), addr) == 0 ? 0 : 13;
}
