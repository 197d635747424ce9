/* shutdown.c - run by poweroff.test: writes /kept-ARG without fsync, then
 * stops the system by ARG: "call" calls reboot(RB_POWER_OFF), "shell" runs
 * poweroff through the shell (found in /boot on its PATH). Neither returns
 * when it works; the host then finds the file on a clean disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>

int main(int argc, char **argv)
{
	char path[64];
	if (argc != 2 || (strcmp(argv[1], "call") != 0 && strcmp(argv[1], "shell") != 0)) {
		fprintf(stderr, "usage: shutdown call|shell\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/kept-%s", argv[1]);
	FILE *file = fopen(path, "w");
	if (!file || fprintf(file, "written before %s\n", argv[1]) < 0 || fclose(file) != 0) {
		perror(path);
		return 1;
	}
	if (strcmp(argv[1], "call") == 0) {
		reboot(RB_POWER_OFF);
		perror("reboot(RB_POWER_OFF)");
	} else {
		int status = system("poweroff");
		fprintf(stderr, "poweroff returned (status %d)\n", status);
	}
	return 1;
}
