/* The fake kernel: per-space page tables (virt page -> phys + perms) that record every call. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fake_kernel.h"
#include "mem/phys.h"
#include "mm0_local.h"
#include "mm0.h"

struct fake_counts fake_counts;
int fake_thread_create_error;
int fake_pager_error;
uint32_t fake_put_pgoff;
uint8_t fake_put_first_byte;
struct fake_reply fake_replies[64];
unsigned fake_reply_count;

static struct fake_space *spaces;
static struct fake_thread *threads;
static uint32_t next_tid;

void fake_reset(void)
{
	memset(&fake_counts, 0, sizeof(fake_counts));
	fake_thread_create_error = 0;
	fake_pager_error = 0;
	fake_reply_count = 0;
	next_tid = 0x1000;
}

struct fake_thread *fake_thread_find(uint32_t tid)
{
	struct fake_thread *thread;

	for (thread = threads; thread; thread = thread->next)
		if (thread->tid == tid)
			return thread;
	return NULL;
}

static struct fake_space *space_of(uint32_t tid)
{
	struct fake_thread *thread = fake_thread_find(tid);

	return thread ? thread->space : NULL;
}

static struct fake_pte **pte_slot(struct fake_space *space, uint32_t virt)
{
	struct fake_pte **slot = &space->ptes;

	while (*slot && (*slot)->virt != virt)
		slot = &(*slot)->next;
	return slot;
}

struct fake_pte *fake_pte_find(uint32_t space_tid, uint32_t virt)
{
	struct fake_space *space = space_of(space_tid);

	return space ? *pte_slot(space, virt & ~MM0_PAGE_MASK) : NULL;
}

static int fake_map(void *ctx, uint32_t space_tid, uint32_t phys, uint32_t virt,
		    uint32_t npages, unsigned perms)
{
	struct fake_space *space = space_of(space_tid);
	uint32_t i;

	(void)ctx;
	fake_counts.map++;
	if (!space || (virt & MM0_PAGE_MASK) || (phys & MM0_PAGE_MASK) || !phys_view(phys))
		return -EINVAL;
	for (i = 0; i < npages; i++) {
		struct fake_pte **slot = pte_slot(space, virt + i * MM0_PAGE_SIZE);

		if (!*slot) {
			*slot = calloc(1, sizeof(**slot));
			if (!*slot)
				return -ENOMEM;
			(*slot)->virt = virt + i * MM0_PAGE_SIZE;
		}
		(*slot)->phys = phys + i * MM0_PAGE_SIZE;
		(*slot)->perms = perms;
	}
	return 0;
}

static int fake_unmap(void *ctx, uint32_t space_tid, uint32_t virt, uint32_t npages)
{
	struct fake_space *space = space_of(space_tid);
	struct fake_pte **slot;

	(void)ctx;
	fake_counts.unmap++;
	if (!space)
		return -ESRCH;
	for (slot = &space->ptes; *slot;) {
		struct fake_pte *pte = *slot;

		if (pte->virt >= virt && (pte->virt - virt) / MM0_PAGE_SIZE < npages) {
			*slot = pte->next;
			free(pte);
		} else {
			slot = &pte->next;
		}
	}
	return 0;
}

static int fake_protect(void *ctx, uint32_t space_tid, uint32_t virt, uint32_t npages,
			unsigned perms)
{
	struct fake_space *space = space_of(space_tid);
	struct fake_pte *pte;

	(void)ctx;
	fake_counts.protect++;
	if (!space)
		return -ESRCH;
	for (pte = space->ptes; pte; pte = pte->next)
		if (pte->virt >= virt && (pte->virt - virt) / MM0_PAGE_SIZE < npages)
			pte->perms = perms;
	return 0;
}

static int fake_thread_create(void *ctx, uint32_t same_space_as, uint32_t utcb, uint32_t *tid)
{
	struct fake_thread *thread;
	struct fake_space *space;

	(void)ctx;
	fake_counts.thread_create++;
	if (fake_thread_create_error) {
		int err = fake_thread_create_error;

		fake_thread_create_error = 0;
		return err;
	}
	if (same_space_as) {
		space = space_of(same_space_as);
		if (!space)
			return -ESRCH;
	} else {
		space = calloc(1, sizeof(*space));
		space->next = spaces;
		spaces = space;
	}
	thread = calloc(1, sizeof(*thread));
	thread->tid = next_tid++;
	thread->space = space;
	thread->utcb = utcb;
	thread->next = threads;
	threads = thread;
	space->threads++;
	*tid = thread->tid;
	return 0;
}

static void space_free(struct fake_space *space)
{
	struct fake_space **slot;

	while (space->ptes) {
		struct fake_pte *pte = space->ptes;

		space->ptes = pte->next;
		free(pte);
	}
	for (slot = &spaces; *slot != space; slot = &(*slot)->next)
		;
	*slot = space->next;
	free(space);
}

static int fake_thread_destroy(void *ctx, uint32_t tid)
{
	struct fake_thread **slot;

	(void)ctx;
	fake_counts.thread_destroy++;
	for (slot = &threads; *slot; slot = &(*slot)->next) {
		struct fake_thread *thread = *slot;

		if (thread->tid != tid)
			continue;
		*slot = thread->next;
		if (--thread->space->threads == 0)
			space_free(thread->space);
		free(thread);
		return 0;
	}
	return -ESRCH;
}

static int fake_thread_start(void *ctx, uint32_t tid, uint32_t pc, uint32_t sp, uint32_t r0)
{
	struct fake_thread *thread = fake_thread_find(tid);

	(void)ctx;
	fake_counts.thread_start++;
	if (!thread)
		return -ESRCH;
	thread->started = true;
	thread->pc = pc;
	thread->sp = sp;
	thread->r0 = r0;
	return 0;
}

static int fake_cpu_time(void *ctx, uint32_t tid, uint64_t *ns)
{
	struct fake_thread *thread = fake_thread_find(tid);

	(void)ctx;
	if (!thread)
		return -ESRCH;
	*ns = thread->cpu_ns;
	return 0;
}

const struct kernel_ops fake_kernel_ops = {
	.map = fake_map,
	.unmap = fake_unmap,
	.protect = fake_protect,
	.thread_create = fake_thread_create,
	.thread_destroy = fake_thread_destroy,
	.thread_start = fake_thread_start,
	.cpu_time = fake_cpu_time,
};

struct fake_thread *fake_threads(void)
{
	return threads;
}

int fake_adopt_thread(uint32_t tid)
{
	struct fake_thread *thread = calloc(1, sizeof(*thread));
	struct fake_space *space = calloc(1, sizeof(*space));

	if (!thread || !space) {
		free(thread);
		free(space);
		return -ENOMEM;
	}
	space->threads = 1;
	space->next = spaces;
	spaces = space;
	thread->tid = tid;
	thread->space = space;
	thread->started = true;
	thread->next = threads;
	threads = thread;
	return 0;
}

unsigned fake_space_count(void)
{
	struct fake_space *space;
	unsigned count = 0;

	for (space = spaces; space; space = space->next)
		count++;
	return count;
}

unsigned fake_pte_count(uint32_t space_tid)
{
	struct fake_space *space = space_of(space_tid);
	struct fake_pte *pte;
	unsigned count = 0;

	for (pte = space ? space->ptes : NULL; pte; pte = pte->next)
		count++;
	return count;
}

bool fake_all_released(void)
{
	bool clean = !spaces && !threads;

	while (threads) {
		struct fake_thread *thread = threads;

		threads = thread->next;
		free(thread);
	}
	while (spaces)
		space_free(spaces);
	return clean;
}

static void record_reply(void *token, long result, int status, enum fake_reply_op op)
{
	if (fake_reply_count < 64)
		fake_replies[fake_reply_count++] = (struct fake_reply){ token, result, status, op };
}

static void fake_complete_wait(void *token, long pid, int status)
{
	record_reply(token, pid, status, FAKE_REPLY_WAITPID);
}

static void fake_complete_sigsuspend(void *token, long result)
{
	record_reply(token, result, 0, FAKE_REPLY_SIGSUSPEND);
}

static void fake_complete_sigreturn(void *token, long result)
{
	record_reply(token, result, 0, FAKE_REPLY_SIGRETURN);
}

static void fake_complete_timer_wait(void *token, long result)
{
	record_reply(token, result, 0, FAKE_REPLY_TIMER_WAIT);
}

/* status keeps the siginfo's value, so a test sees which instance was taken. */
static void fake_complete_sigwait(void *token, long result, const struct mm_siginfo *info)
{
	record_reply(token, result, info ? info->value : 0, FAKE_REPLY_SIGWAIT);
}

const struct mm0_reply_ops fake_reply_ops = {
	.complete_wait = fake_complete_wait,
	.complete_sigsuspend = fake_complete_sigsuspend,
	.complete_sigreturn = fake_complete_sigreturn,
	.complete_timer_wait = fake_complete_timer_wait,
	.complete_sigwait = fake_complete_sigwait,
};

struct fake_reply *fake_reply_for(void *token)
{
	unsigned i;

	for (i = 0; i < fake_reply_count; i++)
		if (fake_replies[i].token == token)
			return &fake_replies[i];
	return NULL;
}

uint8_t fake_file_byte(uint32_t file_id, uint32_t offset)
{
	return (uint8_t)(file_id * 31 + offset / MM0_PAGE_SIZE * 7 + offset % 251);
}

static void fill_file_page(uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	uint8_t *view = phys_view(phys);
	uint32_t i;

	for (i = 0; i < MM0_PAGE_SIZE; i++)
		view[i] = fake_file_byte(file_id, pgoff * MM0_PAGE_SIZE + i);
}

static int fake_get_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	int err = fake_pager_error;

	(void)ctx;
	fake_counts.get_page++;
	fake_pager_error = 0;
	if (!err)
		fill_file_page(file_id, pgoff, phys);
	return err;
}

static int fake_put_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	(void)ctx;
	(void)file_id;
	fake_counts.put_page++;
	fake_put_pgoff = pgoff;
	fake_put_first_byte = *(uint8_t *)phys_view(phys);
	return 0;
}

const struct file_pager_ops fake_pager_ops = {
	.get_page = fake_get_page,
	.put_page = fake_put_page,
};

uint64_t fake_clock_ms;
unsigned fake_timer_wakes;

uint64_t fake_now_ms(void *ctx)
{
	(void)ctx;
	return fake_clock_ms;
}

void fake_timer_wake(void *ctx)
{
	(void)ctx;
	fake_timer_wakes++;
}
