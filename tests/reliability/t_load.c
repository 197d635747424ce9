/* t_load.c - several processes hammer mm0 and fs0 at once; every answer
 * is checked and every worker must finish (a request waiting forever would
 * hang the run into qemu-run's time limit). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "reliab.h"

#define WORKERS		4
#define ROUNDS		150
#define PAGES		4u
#define PAGE		4096u

/* Returns the first round that got a wrong answer (0: none). */
static int worker(uint32_t id)
{
	char name[16], text[48], back[48];
	pid_t me = getpid();
	snprintf(name, sizeof(name), "/load-%lu", (unsigned long)id);
	for (int round = 1; round <= ROUNDS; round++) {
		volatile uint8_t *area = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
					      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (area == MAP_FAILED)
			return round;
		for (uint32_t p = 0; p < PAGES; p++)
			area[p * PAGE] = (uint8_t)(id + round + p);
		for (uint32_t p = 0; p < PAGES; p++)
			if (area[p * PAGE] != (uint8_t)(id + round + p))
				return round;
		if (munmap((void *)area, PAGES * PAGE) != 0 || getpid() != me)
			return round;
		int len = snprintf(text, sizeof(text), "worker %lu round %d", (unsigned long)id, round);
		int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, text, (size_t)len) != len || lseek(fd, 0, SEEK_SET) != 0 ||
		    read(fd, back, sizeof(back)) != len || memcmp(text, back, (size_t)len) ||
		    close(fd) != 0 || unlink(name) != 0)
			return round;
	}
	return 0;
}

void family_load(void)
{
	struct snapshot before = snapshot_now();
	pid_t pids[WORKERS];
	for (uint32_t i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker(i));
	}
	int finished = 0, correct = 0;
	for (uint32_t i = 0; i < WORKERS; i++) {
		int status = 0;
		if (pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i]) {
			finished++;
			correct += WIFEXITED(status) && WEXITSTATUS(status) == 0;
		}
	}
	check("load: 4 workers hammering mm0 and fs0 all finished", finished == WORKERS, finished);
	check("load: every answer each worker got was right", correct == WORKERS, correct);
	snapshot_same("load: everything came back", &before);
}
