/* t_links.c - hard links, symbolic links and what follows them: link and
 * st_nlink, symlink, readlink, lstat against stat, resolution through
 * links (ELOOP after 40), O_NOFOLLOW, realpath through links, named pipes. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test0.h"

#define DIR	"/t0l"

static void write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, text, strlen(text));
	close(fd);
}

static int read_text(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t got = read(fd, out, size - 1);
	close(fd);
	out[got > 0 ? got : 0] = '\0';
	return (int)got;
}

static void hard_links(void)
{
	struct stat first, second;
	char text[32];

	write_text(DIR "/a", "shared");
	CHECK_EQ("link /t0l/a to /t0l/b", 0, link(DIR "/a", DIR "/b"));
	CHECK("both names are the same file with st_nlink 2",
	      stat(DIR "/a", &first) == 0 && stat(DIR "/b", &second) == 0 &&
	      first.st_ino == second.st_ino && first.st_nlink == 2 && second.st_nlink == 2);
	errno = 0;
	CHECK("link onto an existing name gives EEXIST", link(DIR "/a", DIR "/b") == -1 && errno == EEXIST);
	errno = 0;
	CHECK("link of a directory gives EPERM", link(DIR, DIR "/d") == -1 && errno == EPERM);
	errno = 0;
	CHECK("link into the read-only /boot gives EXDEV",
	      link(DIR "/a", "/boot/a") == -1 && errno == EXDEV);
	CHECK_EQ("unlink the first name", 0, unlink(DIR "/a"));
	CHECK("the second keeps the data, st_nlink 1",
	      read_text(DIR "/b", text, sizeof(text)) == 6 && strcmp(text, "shared") == 0 &&
	      stat(DIR "/b", &second) == 0 && second.st_nlink == 1);
	unlink(DIR "/b");
}

static void symbolic_links(void)
{
	struct stat through, itself;
	char target[64], text[32];

	write_text(DIR "/file", "via link");
	CHECK_EQ("symlink file <- /t0l/ln", 0, symlink("file", DIR "/ln"));
	CHECK("readlink gives the target, no NUL",
	      readlink(DIR "/ln", target, sizeof(target)) == 4 && memcmp(target, "file", 4) == 0);
	CHECK("readlink truncates to the buffer",
	      readlink(DIR "/ln", target, 2) == 2 && memcmp(target, "fi", 2) == 0);
	errno = 0;
	CHECK("readlink of a file gives EINVAL",
	      readlink(DIR "/file", target, sizeof(target)) == -1 && errno == EINVAL);
	CHECK("stat follows the link, lstat does not",
	      stat(DIR "/ln", &through) == 0 && S_ISREG(through.st_mode) &&
	      lstat(DIR "/ln", &itself) == 0 && S_ISLNK(itself.st_mode) && itself.st_size == 4 &&
	      itself.st_ino != through.st_ino);
	CHECK("open reads through the link",
	      read_text(DIR "/ln", text, sizeof(text)) == 8 && strcmp(text, "via link") == 0);
	errno = 0;
	CHECK("O_NOFOLLOW on a final link gives ELOOP",
	      open(DIR "/ln", O_RDONLY | O_NOFOLLOW) == -1 && errno == ELOOP);
	int fd = open(DIR "/file", O_RDONLY | O_NOFOLLOW);
	CHECK("O_NOFOLLOW on a file opens it", fd >= 0);
	close(fd);
	CHECK_EQ("symlink to a directory", 0, symlink("/t0l", DIR "/up"));
	CHECK("a link in the middle of a path is followed",
	      read_text(DIR "/up/up/file", text, sizeof(text)) == 8);
	CHECK_EQ("a dangling link", 0, symlink("missing", DIR "/dangling"));
	errno = 0;
	CHECK("stat through a dangling link gives ENOENT",
	      stat(DIR "/dangling", &through) == -1 && errno == ENOENT && lstat(DIR "/dangling", &itself) == 0);
	fd = open(DIR "/dangling", O_WRONLY | O_CREAT, 0644);
	CHECK("O_CREAT through a dangling link makes its target", fd >= 0 && access(DIR "/missing", F_OK) == 0);
	close(fd);
	errno = 0;
	CHECK("O_CREAT|O_EXCL on a link gives EEXIST",
	      open(DIR "/ln", O_WRONLY | O_CREAT | O_EXCL, 0644) == -1 && errno == EEXIST);
	CHECK_EQ("unlink removes the link, not its target", 0, unlink(DIR "/ln"));
	CHECK("... the target is still there", access(DIR "/file", R_OK) == 0);
	CHECK("realpath resolves the links",
	      realpath(DIR "/up/./up/file", target) && strcmp(target, DIR "/file") == 0);
	unlink(DIR "/file");
	unlink(DIR "/up");
	unlink(DIR "/dangling");
	unlink(DIR "/missing");
}

/* 40 links may be followed in one resolution, the 41st is ELOOP (Linux's count). */
static void link_loops(void)
{
	char name[32], target[32];
	struct stat status;

	write_text(DIR "/end", "x");
	snprintf(target, sizeof(target), "end");
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), DIR "/l%d", i);
		symlink(target, name);
		snprintf(target, sizeof(target), "l%d", i);
	}
	CHECK("a chain of 40 links resolves", stat(DIR "/l39", &status) == 0 && S_ISREG(status.st_mode));
	errno = 0;
	CHECK("a chain of 41 links gives ELOOP", stat(DIR "/l40", &status) == -1 && errno == ELOOP);
	symlink("self", DIR "/self");
	errno = 0;
	CHECK("a link to itself gives ELOOP", open(DIR "/self", O_RDONLY) == -1 && errno == ELOOP);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), DIR "/l%d", i);
		unlink(name);
	}
	unlink(DIR "/self");
	unlink(DIR "/end");
}

static void named_pipes(void)
{
	struct stat status;
	char text[8] = "";

	CHECK_EQ("mkfifo /t0l/fifo", 0, mkfifo(DIR "/fifo", 0600));
	CHECK("it is a fifo", stat(DIR "/fifo", &status) == 0 && S_ISFIFO(status.st_mode));
	int reader = open(DIR "/fifo", O_RDONLY | O_NONBLOCK);
	int writer = open(DIR "/fifo", O_WRONLY | O_NONBLOCK);
	CHECK("both ends open", reader >= 0 && writer >= 0);
	CHECK("bytes go through the named pipe",
	      write(writer, "pipe", 4) == 4 && read(reader, text, sizeof(text)) == 4 &&
	      memcmp(text, "pipe", 4) == 0);
	close(writer);
	close(reader);
	errno = 0;
	CHECK("mkfifo on an existing name gives EEXIST", mkfifo(DIR "/fifo", 0600) == -1 && errno == EEXIST);
	/* A reader that comes first waits for a writer (Linux waits in open, fs0 in the first read). */
	pid_t child = fork();
	if (child == 0) {
		usleep(200000);
		int late = open(DIR "/fifo", O_WRONLY);
		_exit(late >= 0 && write(late, "late", 4) == 4 ? 0 : 1);
	}
	reader = open(DIR "/fifo", O_RDONLY);
	memset(text, 0, sizeof(text));
	CHECK("a reader first waits for the writer's bytes, not EOF",
	      reader >= 0 && read(reader, text, sizeof(text)) == 4 && memcmp(text, "late", 4) == 0);
	CHECK("then EOF once the writer is gone", read(reader, text, sizeof(text)) == 0);
	close(reader);
	waitpid(child, NULL, 0);
	/* A writer that comes first: its bytes wait for a reader, never EPIPE. */
	child = fork();
	if (child == 0) {
		int early = open(DIR "/fifo", O_WRONLY);
		_exit(early >= 0 && write(early, "early", 5) == 5 ? 0 : 1);
	}
	int wait_status = -1;
	waitpid(child, &wait_status, 0);
	CHECK("a writer first is not refused", WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0);
	reader = open(DIR "/fifo", O_RDONLY | O_NONBLOCK);
	CHECK("the reader that comes later gets the bytes",
	      reader >= 0 && read(reader, text, sizeof(text)) == 5 && memcmp(text, "early", 5) == 0);
	close(reader);
	unlink(DIR "/fifo");
}

void test_links(void)
{
	mkdir(DIR, 0755);
	hard_links();
	symbolic_links();
	link_loops();
	named_pipes();
	CHECK_EQ("rmdir /t0l", 0, rmdir(DIR));
}
