/* Faults parked on file pages being read in: one read in flight at a time,
 * the others queued behind it, each with the faults that wait for its page. */
#include <errno.h>

#include "mem/list.h"
#include "mem/page_wait.h"
#include "mem/phys.h"
#include "mem/vm_object.h"
#include <server/counted_alloc.h>

struct page_read {
	struct list node;		/* in reads: the head is in flight */
	struct vm_object *file;		/* held while the read lasts */
	uint32_t pgoff;
	uint32_t phys;			/* the page being filled */
	struct list faults;		/* struct parked_node */
};

struct parked_node {
	struct list node;
	struct parked_fault fault;
};

void (*page_wait_retry)(const struct parked_fault *fault, bool may_park);

static struct list reads = { &reads, &reads };
static unsigned read_count;
static struct counted_pool read_pool = COUNTED_POOL_INIT(struct page_read);
static struct counted_pool parked_pool = COUNTED_POOL_INIT(struct parked_node);

static struct page_read *read_of(const struct vm_object *file, uint32_t pgoff)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &reads) {
		struct page_read *read = container_of(pos, struct page_read, node);

		if (read->file == file && read->pgoff == pgoff)
			return read;
	}
	return NULL;
}

static int post(struct page_read *read)
{
	return read->file->pager->post_page(read->file->pager_ctx, read->file->id, read->pgoff,
					     read->phys);
}

static struct page_read *read_new(struct vm_object *file, uint32_t pgoff)
{
	struct page_read *read = counted_pool_alloc(&read_pool);

	if (!read)
		return NULL;
	if (phys_alloc(&read->phys)) {
		counted_pool_free(&read_pool, read);
		return NULL;
	}
	read->file = file;
	read->pgoff = pgoff;
	list_init(&read->faults);
	return read;
}

static void read_free(struct page_read *read)
{
	phys_free(read->phys);
	counted_pool_free(&read_pool, read);
}

int page_wait_park(struct vm_object *file, uint32_t pgoff, const struct parked_fault *fault)
{
	struct page_read *read = read_of(file, pgoff);
	struct parked_node *parked;

	if (!file->pager->post_page)
		return -ENOSYS;
	parked = counted_pool_alloc(&parked_pool);
	if (!parked)
		return -ENOMEM;
	if (!read) {
		read = read_new(file, pgoff);
		if (!read) {
			counted_pool_free(&parked_pool, parked);
			return -ENOMEM;
		}
		/* Only the head is in flight: the pager thread takes one at a time. */
		if (list_empty(&reads)) {
			int err = post(read);

			if (err) {
				read_free(read);
				counted_pool_free(&parked_pool, parked);
				return err;
			}
		}
		vm_object_hold(file);
		list_add_tail(&reads, &read->node);
		read_count++;
	}
	parked->fault = *fault;
	list_add_tail(&read->faults, &parked->node);
	return -EINPROGRESS;
}

/* The page joins its file, unless the file shrank below it or a synchronous
 * reader (a copy into a client, exec) filled it meanwhile. */
static void read_settle(struct page_read *read, int result)
{
	struct vm_page *page;

	if (result || read->pgoff >= read->file->npages ||
	    vm_object_page_find(read->file, read->pgoff) ||
	    vm_object_page_insert(read->file, read->pgoff, read->phys, &page))
		phys_free(read->phys);
}

/* Posts the queued reads in turn until one is in flight; one that cannot be
 * posted ends as a failed read (its faults read synchronously). */
static void post_next(void)
{
	while (!list_empty(&reads)) {
		struct page_read *next = container_of(reads.next, struct page_read, node);

		if (!post(next))
			return;
		list_del(&next->node);
		read_count--;
		read_settle(next, -EIO);
		while (!list_empty(&next->faults)) {
			struct parked_node *parked =
				container_of(next->faults.next, struct parked_node, node);

			list_del(&parked->node);
			page_wait_retry(&parked->fault, false);
			counted_pool_free(&parked_pool, parked);
		}
		vm_object_release(next->file);
		counted_pool_free(&read_pool, next);
	}
}

void page_wait_done(int result)
{
	struct page_read *read;

	if (list_empty(&reads))
		return;
	read = container_of(reads.next, struct page_read, node);
	list_del(&read->node);
	read_count--;
	read_settle(read, result);
	/* The disk works on the next page while these faults run again. */
	post_next();
	while (!list_empty(&read->faults)) {
		struct parked_node *parked = container_of(read->faults.next, struct parked_node, node);

		list_del(&parked->node);
		page_wait_retry(&parked->fault, result == 0);
		counted_pool_free(&parked_pool, parked);
	}
	vm_object_release(read->file);
	counted_pool_free(&read_pool, read);
}

void page_wait_forget(uint32_t tid)
{
	struct list *pos, *tmp, *fpos, *ftmp;

	list_for_each_safe(pos, tmp, &reads) {
		struct page_read *read = container_of(pos, struct page_read, node);

		list_for_each_safe(fpos, ftmp, &read->faults) {
			struct parked_node *parked = container_of(fpos, struct parked_node, node);

			if (parked->fault.tid != tid)
				continue;
			list_del(&parked->node);
			counted_pool_free(&parked_pool, parked);
		}
	}
}

unsigned page_wait_reads(void)
{
	return read_count;
}
