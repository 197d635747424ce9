/* write_through.c - the calls that put data on the disk before they
 * return, one case per argument, run by write_through.test:
 *   msync    /mapped (8 KiB of 'o', fsynced with its name) is changed
 *            through a shared mapping and msync(MS_SYNC)'ed; says "msynced"
 *            and stops QEMU at once (the power is cut: nothing is written
 *            back or unmounted after the call);
 *   syncfs   /synced is written (no fsync) and syncfs'ed; says "syncfsed"
 *            and cuts the power the same way;
 *   errors   syncfs of a bad descriptor is EBADF, msync of an unaligned
 *            address EINVAL; syncfs and msync(MS_SYNC) of files in RAM
 *            (/tmp) and fdatasync of a disk file succeed; exits cleanly. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

#define PAGE		4096u
#define MAPPED_BYTES	(2 * PAGE)
/* Written at the start of /mapped's second page through the mapping. */
static const char mapped_text[] = "changed through the mapping\n";
static const char synced_text[] = "written, then syncfs\n";
static const char ram_text[] = "in RAM\n";

/* Semihosting's SYS_EXIT with "application exit": QEMU stops at once, as
 * at a power cut (write_through.test lets user mode make the call). */
#define SEMIHOSTING_SYS_EXIT		0x18u
#define SEMIHOSTING_APPLICATION_EXIT	0x20026u

__attribute__((target("arm"))) static void semihosting_exit(void)
{
	register unsigned operation asm("r0") = SEMIHOSTING_SYS_EXIT;
	register unsigned reason asm("r1") = SEMIHOSTING_APPLICATION_EXIT;
	asm volatile("svc 0x123456" : "+r"(operation) : "r"(reason) : "memory");
}

/* Says word, then cuts the power: nothing after the call under test (no
 * write-back, no unmount) reaches the disk. */
static void power_cut(const char *word)
{
	printf("%s\n", word);
	fflush(stdout);
	semihosting_exit();
	check_report(0, "the power cut", "QEMU went on after semihosting's exit");
	for (;;)
		pause();
}

static void msync_case(void)
{
	static char old[MAPPED_BYTES];
	memset(old, 'o', sizeof(old));
	int fd = open("/mapped", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("/mapped written", (long)sizeof(old), write(fd, old, sizeof(old)));
	CHECK_EQ("fsync of /mapped", 0, fsync(fd));
	int dir = open("/", O_RDONLY);
	CHECK_EQ("fsync of /", 0, fsync(dir));
	char *map = mmap(NULL, MAPPED_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mmap of /mapped", map != MAP_FAILED);
	memcpy(map + PAGE, mapped_text, sizeof(mapped_text) - 1);
	CHECK_EQ("msync(MS_SYNC)", 0, msync(map, MAPPED_BYTES, MS_SYNC));
	power_cut("msynced");
}

static void syncfs_case(void)
{
	int fd = open("/synced", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("/synced written", (long)sizeof(synced_text) - 1,
		 write(fd, synced_text, sizeof(synced_text) - 1));
	CHECK_EQ("syncfs", 0, syncfs(fd));
	power_cut("syncfsed");
}

static void errors_case(void)
{
	errno = 0;
	CHECK_EQ("syncfs(-1)", -1, syncfs(-1));
	CHECK_EQ("syncfs(-1) is EBADF", EBADF, errno);
	errno = 0;
	CHECK_EQ("syncfs of a closed descriptor", -1, syncfs(77));
	CHECK_EQ("syncfs of a closed descriptor is EBADF", EBADF, errno);

	static char fill[PAGE];
	memset(fill, 'r', sizeof(fill));
	int ram = open("/tmp/ram", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("/tmp/ram written", (long)PAGE, pwrite(ram, fill, PAGE, 0));
	CHECK_EQ("syncfs of a file in RAM", 0, syncfs(ram));
	char *map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ram, 0);
	CHECK("mmap of /tmp/ram", map != MAP_FAILED);
	memcpy(map, ram_text, sizeof(ram_text) - 1);
	errno = 0;
	CHECK_EQ("msync of an unaligned address", -1, msync(map + 1, PAGE - 1, MS_SYNC));
	CHECK_EQ("msync of an unaligned address is EINVAL", EINVAL, errno);
	CHECK_EQ("msync(MS_SYNC) of a file in RAM", 0, msync(map, PAGE, MS_SYNC));
	char back[sizeof(ram_text) - 1];
	CHECK_EQ("read after msync", (long)sizeof(back), pread(ram, back, sizeof(back), 0));
	CHECK_EQ("read what the mapping wrote", 0, memcmp(back, ram_text, sizeof(back)));
	CHECK_EQ("munmap", 0, munmap(map, PAGE));
	CHECK_EQ("close", 0, close(ram));

	int disk = open("/datasynced", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("/datasynced written", 5, write(disk, "data\n", 5));
	CHECK_EQ("fdatasync of a disk file", 0, fdatasync(disk));
	CHECK_EQ("syncfs of a disk file", 0, syncfs(disk));
	CHECK_EQ("close", 0, close(disk));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "msync"))
		msync_case();
	else if (!strcmp(mode, "syncfs"))
		syncfs_case();
	else if (!strcmp(mode, "errors"))
		errors_case();
	else
		check_report(0, "a known mode", "%s", mode);
	return tap_summary("write_through");
}
