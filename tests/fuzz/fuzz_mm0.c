/* fuzz_mm0.c - libFuzzer harness: mm0's one message entry (kernel fault and
 * exception messages, then the generated mm dispatch with the real handlers)
 * over the fake kernel of tests/mm0, fed scripts of messages from its tasks'
 * threads and from a stranger, and of bytes poked into the boot module it
 * spawns programs from. After every message the fake page tables must agree
 * with mm0's areas and objects, areas must be sorted and disjoint, and a
 * fault answered must leave its page mapped. At the end every process exits:
 * free pages, objects, areas, tasks and allocations must be back at their
 * starting counts once the SysV segments (which outlive processes) are
 * removed, no live thread may still wait, and mm0_fini frees all. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fake_kernel.h"
#include "serve/startup.h"
#include "mm0_local.h"
#include <server/counted_alloc.h>
#include "mm0_server.h"
#include "fs/module_file.h"
#include "serve/serve.h"
#include "mem/commit.h"
#include "mem/shm.h"
#include "proc/spawn.h"
#include "proc/task.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "fuzz_input.h"
#include "fuzz_transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SELF_TID	0x10u
#define STRANGER	0x7777u		/* no thread of mm0's */
#define PAGES		64u
#define FUZZ_COMMIT_PAGES	0x100000u
#define PHYS_BASE	0x40000000u
#define PAGE		MM0_PAGE_SIZE
#define ENTRY		0x00010000u
#define DATA_VADDR	0x00011010u
#define PROBE_LABELS	128u
#define PROBE_WORDS	24u
#define EXIT_ROUNDS	1000

static uint8_t image[3 * PAGE] __attribute__((aligned(8)));
static void *arena;
static struct mm0_stats start_stats;

/* Each operation's word count by label (0: no such operation), found at
 * start-up by probing the dispatch (see probe_ops), so scripts name
 * operations by their IDL numbers whatever idl/mm0.idl adds. */
static uint8_t op_words[PROBE_LABELS];
static unsigned op_count;

#define DYNAMIC_SLOTS	4
/* The last DYNAMIC_SLOTS entries are the latest positive results (pids,
 * addresses, shm ids), so scripts can use what mm0 handed out. */
static uint32_t interesting[] = {
	0xffffffffu, 0x7fffffffu, 0x80000000u, PAGE, 2 * PAGE, 16 * PAGE, PAGE - 1, PAGE + 1,
	MM0_USER_MIN, MM0_ENV_ADDR, MM0_STACK_TOP, MM0_STACK_TOP - 4, L4_UTCB_AREA,
	ENTRY, DATA_VADDR, 0x00012000u, 0x20000000u, 0x40000000u, 0xc0000000u, 0xfffff000u,
	MM0_PROT_READ | MM0_PROT_WRITE, MM0_PROT_READ | MM0_PROT_EXEC,
	MM0_PROT_READ | MM0_PROT_WRITE | MM0_PROT_EXEC,
	MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, MM0_MAP_SHARED | MM0_MAP_ANONYMOUS,
	MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS | MM0_MAP_FIXED,
	MM0_MAP_SHARED | MM0_MAP_ANONYMOUS | MM0_MAP_FIXED, MM0_MAP_PRIVATE | MM0_MAP_FIXED,
	MM0_IPC_CREAT | 0600, MM0_IPC_CREAT | MM0_IPC_EXCL | 0600, MM0_SHM_RDONLY,
	MM0_IPC_STAT, MM0_SHM_MAX_SIZE, MM0_SHM_MAX_SIZE + 1,
	MM0_CLONE_VM | MM0_CLONE_THREAD | MM0_CLONE_FILES, MM0_CLONE_VM | MM0_SIGCHLD,
	MM0_CLONE_FILES | MM0_CLONE_PARENT, MM0_WNOHANG, STRANGER, SELF_TID,
	0, 0, 0, 0,
};
#define INTERESTING_COUNT	(sizeof(interesting) / sizeof(interesting[0]))

static const char *const module_names[] = { "prog", "nothing", "", "prog/", "PROG" };
#define MODULE_NAME_COUNT	(sizeof(module_names) / sizeof(module_names[0]))

static void put16(uint32_t at, uint16_t value) { memcpy(image + at, &value, 2); }
static void put32(uint32_t at, uint32_t value) { memcpy(image + at, &value, 4); }

/* An ELF program header: PT_LOAD of filesz bytes at offset to vaddr. */
static void put_load(uint32_t at, uint32_t offset, uint32_t vaddr, uint32_t filesz,
		     uint32_t memsz, uint32_t flags)
{
	const uint32_t words[8] = { 1, offset, vaddr, vaddr, filesz, memsz, flags, PAGE };
	memcpy(image + at, words, sizeof(words));
}

/* A small ARM executable: text (R|X) from page 1, data and bss (R|W) from page 2. */
static void build_image(void)
{
	memset(image, 0, sizeof(image));
	memcpy(image, "\177ELF\001\001\001", 7);
	put16(16, 2);		/* ET_EXEC */
	put16(18, 40);		/* EM_ARM */
	put32(20, 1);
	put32(24, ENTRY);
	put32(28, 52);		/* program headers right after the ELF header */
	put16(40, 52);
	put16(42, 32);
	put16(44, 2);
	put_load(52, PAGE, ENTRY, PAGE, PAGE, 5);
	put_load(84, 2 * PAGE, DATA_VADDR, 100, 0x2000, 6);
	for (uint32_t i = PAGE; i < sizeof(image); i++)
		image[i] = (uint8_t)(i * 13 + 5);
}

static void start(void)
{
	static const char *const argv[] = { "first", NULL };
	static const char *const envp[] = { "HOME=/", NULL };
	struct phys_range range = { PHYS_BASE, PAGES, arena };
	struct mm0_config config = {
		.ranges = &range, .range_count = 1, .kernel = &fake_kernel_ops,
		.reply = &serve_reply_ops, .self_tid = SELF_TID,
	};
	fuzz_transport_reset();
	fuzz_transport_bind(SELF_TID, mm0_serve);
	fake_reset();
	fuzz_check(fake_adopt_thread(SELF_TID) == 0, "fake kernel refused mm0's thread");
	fuzz_check(mm0_init(&config) == 0, "mm0_init failed");
	/* The programs' heaps and stacks are far larger than the PAGES pages,
	 * as on the target; the requests are the subject here, not the commit. */
	commit_set_limit(FUZZ_COMMIT_PAGES);
	module_reset();
	build_image();
	fuzz_check(module_register("prog", image, sizeof(image)) == 0, "module refused");
	mm0_stats(&start_stats);
	struct task *first;
	fuzz_check(mm0_task_create(mm0_self(), argv, envp, &first) == 0, "task_create failed");
	fuzz_check(mm0_task_start(first, ENTRY, MM0_STACK_TOP) == 0, "task_start failed");
	long pid = mm0_spawn(mm0_self(), "prog", argv);
	fuzz_check(pid > 0, "spawn of the intact module gave %ld", pid);
}

static void check_area_order(const struct vm_space *vm, uint32_t tid)
{
	uint32_t last_end = 0;
	for (const struct list *node = vm->areas.next; node != &vm->areas; node = node->next) {
		const struct vm_area *area = container_of(node, struct vm_area, node);
		fuzz_check(area->vm == vm, "area %#x of %#x points at another space", area->start, tid);
		fuzz_check(area->start < area->end && !(area->start & MM0_PAGE_MASK) &&
			   !(area->end & MM0_PAGE_MASK), "area [%#x, %#x) of %#x malformed",
			   area->start, area->end, tid);
		fuzz_check(area->start >= last_end, "areas of %#x overlap or unsorted at %#x",
			   tid, area->start);
		last_end = area->end;
	}
}

/* A page-table entry must lie in an area, within its rights, and map the
 * page mm0's objects hold there; a writable private one only a private page. */
static void check_pte(struct vm_space *vm, const struct fake_pte *pte, uint32_t tid)
{
	struct vm_area *area = vma_find(vm, pte->virt);
	fuzz_check(area != NULL, "pte %#x of %#x outside every area", pte->virt, tid);
	fuzz_check(!(pte->perms & ~area->prot), "pte %#x of %#x: perms %#x beyond %#x",
		   pte->virt, tid, pte->perms, area->prot);
	uint32_t pgoff = area->pgoff + (pte->virt - area->start) / PAGE;
	struct vm_object *owner = area->obj;
	struct vm_page *page = (area->flags & MM0_MAP_SHARED)
		? vm_object_page_find(owner, pgoff)
		: vm_object_chain_find(area->obj, pgoff, &owner);
	fuzz_check(page != NULL, "pte %#x of %#x maps a page mm0 does not hold", pte->virt, tid);
	fuzz_check(page->phys == pte->phys, "pte %#x of %#x maps %#x, mm0 says %#x",
		   pte->virt, tid, pte->phys, page->phys);
	if ((pte->perms & MM0_PROT_WRITE) && !(area->flags & MM0_MAP_SHARED))
		fuzz_check(owner == area->obj && vm_object_private(owner),
			   "private pte %#x of %#x writable through a shared object", pte->virt, tid);
}

static void check_vm(void)
{
	for (struct fake_thread *thread = fake_threads(); thread; thread = thread->next) {
		if (thread->tid == SELF_TID)
			continue;
		struct task *task = task_by_l4_tid(thread->tid);
		fuzz_check(task && task->vm, "kernel thread %#x unknown to mm0", thread->tid);
		check_area_order(task->vm, thread->tid);
		for (struct fake_pte *pte = thread->space->ptes; pte; pte = pte->next)
			check_pte(task->vm, pte, thread->tid);
	}
}

/* A destroyed thread waits for nothing; the stranger's faults get no answer. */
static void forget_dead_waiters(void)
{
	for (unsigned i = fuzz_waiting_count(); i-- > 0;) {
		l4_tid_t tid = fuzz_waiting_at(i);
		if (tid == STRANGER || !fake_thread_find(tid))
			fuzz_waiting_drop(tid);
	}
}

static void remember(uint32_t result)
{
	memmove(&interesting[INTERESTING_COUNT - DYNAMIC_SLOTS],
		&interesting[INTERESTING_COUNT - DYNAMIC_SLOTS + 1],
		(DYNAMIC_SLOTS - 1) * sizeof(uint32_t));
	interesting[INTERESTING_COUNT - 1] = result;
}

static unsigned put_string(uint32_t *mr, unsigned w, const char *text)
{
	uint32_t len = (uint32_t)strlen(text);
	memcpy(&mr[w], text, len);
	return w + (len + 3) / 4;
}

/* spawn(name, arg) or open_module(name) with well-formed strings. */
static unsigned build_module_request(struct fuzz_input *in, uint32_t *mr, bool spawn)
{
	const char *name = module_names[fuzz_below(in, MODULE_NAME_COUNT)];
	const char *arg = spawn && fuzz_byte(in) & 1 ? "an-argument" : "";
	unsigned w = 2;
	mr[w++] = (uint32_t)strlen(name);
	if (spawn)
		mr[w++] = (uint32_t)strlen(arg);
	w = put_string(mr, w, name);
	if (spawn)
		w = put_string(mr, w, arg);
	mr[0] = L4_TAG(spawn ? MM_OP_SPAWN : MM_OP_OPEN_MODULE, w - 1);
	mr[1] = IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION);
	return w;
}

static void put_words(struct fuzz_input *in, uint32_t *mr, unsigned first, unsigned end)
{
	for (unsigned w = first; w < end; w++)
		mr[w] = fuzz_word(in, interesting, INTERESTING_COUNT);
}

static void message(struct fuzz_input *in, l4_tid_t actor)
{
	static const uint32_t access[] = { L4_PERM_READ, L4_PERM_WRITE, L4_PERM_EXEC, 0, 7 };
	uint32_t mr[L4_MR_COUNT] = { 0 };
	uint8_t pick = fuzz_byte(in);
	uint32_t fault_addr = 0, fault_access = 0;
	if (pick < 0xd0) {
		uint32_t label = pick % PROBE_LABELS;
		uint8_t shape = fuzz_byte(in);
		unsigned words = (shape & 1) || !op_words[label] ? (shape >> 1) & L4_TAG_U_MASK
								 : op_words[label];
		mr[0] = L4_TAG(label, words);
		mr[1] = (shape & 0x80) ? fuzz_u32(in) : IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION);
		put_words(in, mr, 2, words + 1);
		fuzz_transport_trace(shape & 0x40);
	} else if (pick < 0xe8) {
		fault_addr = fuzz_word(in, interesting, INTERESTING_COUNT) + fuzz_byte(in) * PAGE;
		fault_access = access[fuzz_below(in, 5)];
		unsigned words = pick < 0xe6 ? L4_FAULT_WORDS : fuzz_byte(in) & L4_TAG_U_MASK;
		mr[0] = L4_TAG(L4_LABEL_PAGEFAULT, words);
		mr[1] = fault_addr;
		mr[2] = fault_access;
		mr[3] = ENTRY;
	} else if (pick < 0xf0) {
		mr[0] = L4_TAG(pick < 0xec ? L4_LABEL_EXCEPTION : L4_LABEL_INTERRUPT, 4);
		put_words(in, mr, 1, 5);
	} else if (pick < 0xf8) {
		build_module_request(in, mr, pick < 0xf4);
	} else {
		mr[0] = fuzz_u32(in);
		put_words(in, mr, 1, L4_TAG_WORDS(mr[0]) + 1);
	}
	bool is_fault = L4_TAG_LABEL(mr[0]) == L4_LABEL_PAGEFAULT &&
		L4_TAG_WORDS(mr[0]) == L4_FAULT_WORDS;
	if (fuzz_deliver(actor, mr) != IDLRT_SEND_REPLY)
		return;
	if (is_fault) {
		struct fake_pte *pte = fake_pte_find(actor, fault_addr);
		fuzz_check(pte && (pte->perms & fault_access) == fault_access,
			   "fault at %#x (access %#x) by %#x answered but not mapped",
			   fault_addr, fault_access, actor);
	} else if ((int32_t)mr[1] > 0 && L4_TAG_WORDS(mr[0]) >= 1) {
		remember(mr[1]);
	}
}

static void poke_image(struct fuzz_input *in)
{
	uint32_t at = (fuzz_byte(in) | (uint32_t)fuzz_byte(in) << 8) % sizeof(image);
	unsigned len = fuzz_byte(in) & 15u;
	for (unsigned i = 0; i < len && at + i < sizeof(image); i++)
		image[at + i] = fuzz_byte(in);
}

/* The actor: one of the live threads other than mm0's, or the stranger. */
static l4_tid_t pick_actor(uint8_t choice)
{
	unsigned count = 0;
	for (struct fake_thread *thread = fake_threads(); thread; thread = thread->next)
		count += thread->tid != SELF_TID;
	unsigned index = choice % (count + 1);
	for (struct fake_thread *thread = fake_threads(); thread; thread = thread->next)
		if (thread->tid != SELF_TID && index-- == 0)
			return thread->tid;
	return STRANGER;
}

static void run_script(struct fuzz_input *in)
{
	while (!fuzz_input_done(in)) {
		uint8_t kind = fuzz_byte(in);
		if (kind >= 0xf0) {
			poke_image(in);
			continue;
		}
		l4_tid_t actor = pick_actor(kind);
		if (fuzz_waiting(actor))
			continue;
		message(in, actor);
		forget_dead_waiters();
		check_vm();
	}
}

/* Every process exits (as if killed); everything must come back. */
static void finish(void)
{
	int rounds = 0;
	for (struct fake_thread *thread = fake_threads(); thread; thread = fake_threads()) {
		while (thread && thread->tid == SELF_TID)
			thread = thread->next;
		if (!thread)
			break;
		struct task *task = task_by_l4_tid(thread->tid);
		fuzz_check(task != NULL, "kernel thread %#x unknown to mm0", thread->tid);
		fuzz_check(++rounds < EXIT_ROUNDS, "processes do not go away");
		long result = mm0_exit(task, 0);
		fuzz_check(result == 0, "exit of %#x gave %ld", thread->tid, result);
	}
	forget_dead_waiters();
	fuzz_check(fuzz_waiting_count() == 0, "%u requests never answered", fuzz_waiting_count());
	/* SysV segments outlive their processes by design: remove them first. */
	shm_fini();
	struct mm0_stats now;
	mm0_stats(&now);
	fuzz_check(now.free_pages == start_stats.free_pages && now.live_objects == start_stats.live_objects &&
		   now.live_areas == start_stats.live_areas && now.live_tasks == start_stats.live_tasks &&
		   now.live_allocs == start_stats.live_allocs,
		   "after every exit: pages %u/%u objects %u/%u areas %u/%u tasks %u/%u allocs %zu/%zu",
		   now.free_pages, start_stats.free_pages, now.live_objects, start_stats.live_objects,
		   now.live_areas, start_stats.live_areas, now.live_tasks, start_stats.live_tasks,
		   now.live_allocs, start_stats.live_allocs);
	module_reset();
	mm0_fini();
	fake_kernel_ops.thread_destroy(NULL, SELF_TID);
	fuzz_check(counted_alloc_live() == 0, "%zu allocations after mm0_fini", counted_alloc_live());
	fuzz_check(fake_all_released(), "fake kernel threads or spaces left after mm0_fini");
}

/* The word count each operation takes (strings empty): the first count
 * that the generated dispatch does not refuse with -EBADMSG. */
static void probe_ops(void)
{
	start();
	for (uint32_t label = 1; label < PROBE_LABELS; label++) {
		for (uint32_t words = 1; words < PROBE_WORDS; words++) {
			uint32_t mr[L4_MR_COUNT] = { 0 };
			mr[0] = L4_TAG(label, words);
			mr[1] = IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION);
			int32_t result = 0;
			if (fuzz_deliver(STRANGER, mr) == IDLRT_SEND_REPLY)
				result = (int32_t)mr[1];
			else
				fuzz_check(!fuzz_waiting(STRANGER), "op %u from a stranger got no reply",
					   label);
			if (result == -ENOSYS)
				break;
			if (result != -EBADMSG) {
				op_words[label] = (uint8_t)words;
				op_count++;
				break;
			}
		}
	}
	fuzz_check(op_count > 10, "only %u operations found", op_count);
	finish();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!arena) {
		arena = aligned_alloc(PAGE, (size_t)PAGES * PAGE);
		fuzz_check(arena != NULL, "no memory for the arena");
		probe_ops();
	}
	struct fuzz_input in;
	fuzz_input_init(&in, data, size);
	start();
	run_script(&in);
	finish();
	return 0;
}
