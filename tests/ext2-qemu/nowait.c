/* nowait.c - fs0 answers others while a request waits for the disk
 * (nowait.test): the main thread reads /big, cold on the disk, in pieces of
 * one fs0 request each, while a second thread sends a byte round a pipe and
 * back. A round trip that began and ended while one piece was being read
 * was answered by fs0 while that read waited for the disk: there must be
 * many (a fs0 that waits with the read can answer at most the requests that
 * reach it just before the read does, or just after it answered). Then
 * /big must hold its pattern, read in whole. Last, more threads than fs0
 * has fibers read slices of /big at once, so that requests queue for the
 * disk and every fiber waits: each slice must come back as it is. */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

/* One request each: below the bulk buffer libposix splits reads by. */
#define PIECE		65536u
#define BIG_BYTES	(16u << 20)
/* nowait.test writes /big as this line over and over. */
#define LINE		"0123456789abcdef0123456789abcde\n"
#define LINE_BYTES	32u
/* Round trips inside a read that only a fs0 answering meanwhile makes. */
#define INSIDE_MIN	64u
/* More than fs0's fibers (6), each with a slice of /big. */
#define SLICE_READERS	8u
#define SLICE_BYTES	(BIG_BYTES / SLICE_READERS)

static unsigned char piece[PIECE];
/* Odd while the main thread is inside a read: each read adds 2. */
static unsigned read_generation;
static int reading_done;
static int ring[2];
static unsigned round_trips, inside_a_read;

static unsigned load(const unsigned *at)
{
	return __atomic_load_n(at, __ATOMIC_SEQ_CST);
}

static void *send_round(void *unused)
{
	(void)unused;
	char byte = 'x';
	while (!__atomic_load_n(&reading_done, __ATOMIC_SEQ_CST)) {
		unsigned before = load(&read_generation);
		if (write(ring[1], &byte, 1) != 1 || read(ring[0], &byte, 1) != 1)
			break;
		__atomic_add_fetch(&round_trips, 1, __ATOMIC_SEQ_CST);
		if ((before & 1) && load(&read_generation) == before)
			inside_a_read++;
	}
	return NULL;
}

static unsigned char slice_pieces[SLICE_READERS][PIECE];
static int big_fd;

/* The slice's bytes that are not the pattern, or -1 when a read fails. */
static void *read_slice(void *number)
{
	unsigned reader = (unsigned)(uintptr_t)number;
	unsigned char *at = slice_pieces[reader];
	unsigned long bad = 0;
	for (unsigned long offset = reader * SLICE_BYTES; offset < (reader + 1) * SLICE_BYTES;
	     offset += PIECE) {
		if (pread(big_fd, at, PIECE, (off_t)offset) != (ssize_t)PIECE)
			return (void *)(intptr_t)-1;
		for (unsigned i = 0; i < PIECE; i++)
			bad += at[i] != (unsigned char)LINE[(offset + i) % LINE_BYTES];
	}
	return (void *)(uintptr_t)bad;
}

static void read_slices_at_once(void)
{
	pthread_t readers[SLICE_READERS];
	unsigned started = 0;
	long bad = 0;
	while (started < SLICE_READERS &&
	       pthread_create(&readers[started], NULL, read_slice, (void *)(uintptr_t)started) == 0)
		started++;
	CHECK_EQ("the slice readers started", SLICE_READERS, started);
	for (unsigned i = 0; i < started; i++) {
		void *result = NULL;
		if (pthread_join(readers[i], &result) != 0 || (intptr_t)result < 0)
			bad = -1;
		else if (bad >= 0)
			bad += (long)(uintptr_t)result;
	}
	CHECK_EQ("every slice read at once holds its pattern", 0, bad);
}

int main(void)
{
	pthread_t sender;
	big_fd = open("/big", O_RDONLY);
	CHECK("/big opened", big_fd >= 0);
	CHECK_EQ("a pipe", 0, pipe(ring));
	CHECK_EQ("the sending thread started", 0, pthread_create(&sender, NULL, send_round, NULL));
	while (load(&round_trips) == 0)
		sched_yield();

	unsigned long total = 0, bad = 0;
	for (;;) {
		__atomic_add_fetch(&read_generation, 1, __ATOMIC_SEQ_CST);
		ssize_t got = read(big_fd, piece, sizeof(piece));
		__atomic_add_fetch(&read_generation, 1, __ATOMIC_SEQ_CST);
		if (got <= 0)
			break;
		for (ssize_t i = 0; i < got; i++)
			bad += piece[i] != (unsigned char)LINE[(total + (unsigned long)i) % LINE_BYTES];
		total += (unsigned long)got;
	}
	__atomic_store_n(&reading_done, 1, __ATOMIC_SEQ_CST);
	CHECK_EQ("the sending thread ended", 0, pthread_join(sender, NULL));
	CHECK_EQ("/big read in whole", BIG_BYTES, total);
	CHECK_EQ("/big holds its pattern", 0, bad);
	printf("nowait: %u round trips, %u of them inside one read\n", round_trips, inside_a_read);
	check("fs0 answered the pipe while a read waited for the disk",
	      inside_a_read >= INSIDE_MIN, (long)inside_a_read);
	read_slices_at_once();
	close(big_fd);
	return tap_summary("nowait");
}
