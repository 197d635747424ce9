/* abi.h - the kernel/user binary interface: thread ids, the message tag,
 * message registers, the UTCB, system-call numbers and error codes.
 * Shared word for word by the kernel, libl4 and idlc-generated code, so it
 * holds only constants and plain layouts (no code, no libc). The full
 * calling conventions are written down in docs/kernel-abi.md. */
#ifndef L4_ABI_H
#define L4_ABI_H

#include <stdint.h>

/* ---- Thread ids -------------------------------------------------------
 * A global thread id is one word: the thread's slot number in the high 18
 * bits and a version in the low 14 bits. The version changes each time a
 * slot is reused and is never 0, so a stale id never names the new thread
 * and no valid id equals L4_NILTHREAD. */
typedef uint32_t l4_tid_t;

#define L4_NILTHREAD		0u
#define L4_ANYTHREAD		0xffffffffu
#define L4_TID_VERSION_BITS	14
#define L4_TID_VERSION_MASK	((1u << L4_TID_VERSION_BITS) - 1)
#define L4_TID(slot, version)	(((uint32_t)(slot) << L4_TID_VERSION_BITS) | \
				 ((uint32_t)(version) & L4_TID_VERSION_MASK))
#define L4_TID_SLOT(tid)	((uint32_t)(tid) >> L4_TID_VERSION_BITS)
#define L4_TID_VERSION(tid)	((uint32_t)(tid) & L4_TID_VERSION_MASK)

/* ---- Message registers and the tag ------------------------------------
 * A message is MR0..MRn. MR0 is the tag:
 *   bits 31..16 label   (protocol-defined; fault and kernel messages use
 *                        the negative labels below)
 *   bits 15..12 flags   (L4_TAG_ERROR set by the kernel on a failed IPC)
 *   bits 11..6  reserved, must be 0
 *   bits  5..0  u       number of words that follow the tag (MR1..MRu)
 * MR0..MR5 travel in CPU registers (the fast path); all of them are
 * mirrored in the UTCB's mr[] array, which is what libl4 exposes. */
#define L4_MR_COUNT		64	/* MR0..MR63 */
#define L4_MR_IN_REGS		6	/* MR0..MR5 in r3, r4, r5, r6, r8, r9 */
#define L4_MSG_MAX_WORDS	(L4_MR_COUNT - 1)	/* u at most 63 */

#define L4_TAG_U_MASK		0x3fu
#define L4_TAG_FLAGS_SHIFT	12
#define L4_TAG_ERROR		(1u << 15)
#define L4_TAG_LABEL_SHIFT	16
#define L4_TAG(label, u)	(((uint32_t)(label) << L4_TAG_LABEL_SHIFT) | \
				 ((uint32_t)(u) & L4_TAG_U_MASK))
#define L4_TAG_LABEL(tag)	((uint32_t)(tag) >> L4_TAG_LABEL_SHIFT)
#define L4_TAG_WORDS(tag)	((uint32_t)(tag) & L4_TAG_U_MASK)

/* Labels of messages the kernel sends on a thread's behalf (16-bit,
 * high values reserved for the kernel; protocols use 0x0000..0xefff). */
#define L4_LABEL_PAGEFAULT	0xfff0u	/* page fault, see docs/kernel-abi.md */
#define L4_LABEL_EXCEPTION	0xfff1u	/* undefined instruction and others */
#define L4_LABEL_INTERRUPT	0xfff2u	/* a bound interrupt fired */
#define L4_LABEL_KERNEL_MIN	0xf000u

/* ---- Timeouts ----------------------------------------------------------
 * The timeout word of an IPC: send timeout in the low 16 bits, receive
 * timeout in the high 16 bits. Each half is L4_TIMEOUT_NEVER (wait for
 * ever), L4_TIMEOUT_ZERO (do not block), or a relative time of n
 * milliseconds for 1 <= n <= 0xfffe. */
#define L4_TIMEOUT_ZERO		0x0000u
#define L4_TIMEOUT_NEVER	0xffffu
#define L4_TIMEOUTS(snd, rcv)	(((uint32_t)(rcv) << 16) | ((uint32_t)(snd) & 0xffffu))
#define L4_TIMEOUTS_NEVER	L4_TIMEOUTS(L4_TIMEOUT_NEVER, L4_TIMEOUT_NEVER)

/* ---- UTCB and thread-local storage -------------------------------------
 * Each thread has a UTCB of L4_UTCB_SIZE bytes in its space, directly
 * followed by L4_TLS_SIZE bytes for the C library's thread-local storage.
 * The kernel sets TPIDRURO (the user read-only thread register, which
 * picolibc reads through __aeabi_read_tp) to the end of the UTCB, i.e. the
 * start of the TLS block, so user code finds its UTCB as TPIDRURO -
 * L4_UTCB_SIZE in two instructions and TLS works unchanged (ARM TLS
 * variant 1: an 8-byte TCB at the thread pointer, then .tdata/.tbss). */
#define L4_UTCB_SIZE		512
#define L4_TLS_SIZE		512
#define L4_UTCB_SLOT_SIZE	(L4_UTCB_SIZE + L4_TLS_SIZE)

struct l4_utcb {
	uint32_t mr[L4_MR_COUNT];	/* message registers */
	l4_tid_t my_tid;		/* this thread's global id (kernel-written) */
	l4_tid_t pager;			/* kernel-written copy of the pager */
	uint32_t error_detail;		/* kernel-written detail of the last error */
	uint32_t user_defined[2];	/* free for the user-level runtime */
	uint32_t processor;		/* kernel-written: the processor it runs on */
	uint32_t reserved[L4_UTCB_SIZE / 4 - L4_MR_COUNT - 6];
};

/* The schedule call's processor word (r3) and a priority that stays. */
#define L4_SCHED_CPU_KEEP	0u
#define L4_SCHED_CPU(n)		((uint32_t)(n) + 1u)	/* move to processor n */
#define L4_SCHED_PRIO_KEEP	0xffffffffu

/* ---- System calls ------------------------------------------------------
 * `svc #0` with the call number in r7; arguments in r0.. as documented in
 * docs/kernel-abi.md; the result in r0, negative on error. */
enum l4_syscall {
	L4_SYS_IPC = 0,
	L4_SYS_THREAD_CONTROL,
	L4_SYS_EXCHANGE_REGISTERS,
	L4_SYS_SCHEDULE,
	L4_SYS_YIELD,
	L4_SYS_MAP,
	L4_SYS_UNMAP,
	L4_SYS_PROTECT,
	L4_SYS_IRQ_CONTROL,
	L4_SYS_SPACE_CONTROL,
	L4_SYS_KDEBUG,		/* console output and power-off, privileged */
	L4_SYS_NULL,		/* does nothing: the cheapest entry and exit */
	L4_SYS_CPU_TIME,	/* r0 tid -> r1, r2: the CPU time it used */
	L4_SYS_COUNT
};

/* ---- Error codes (returned negated) ------------------------------------ */
enum l4_error {
	L4_OK = 0,
	L4_ETIMEOUT = 1,	/* IPC timeout expired */
	L4_ENOTHREAD = 2,	/* no such thread (or a stale id) */
	L4_EPARTNER = 3,	/* partner destroyed or died during the IPC */
	L4_ECANCELED = 4,	/* IPC aborted by exchange_registers */
	L4_EPERM = 5,		/* caller lacks the privilege */
	L4_EINVAL = 6,		/* bad argument */
	L4_ENOMEM = 7,		/* kernel memory quota exhausted */
	L4_EFAULT = 8,		/* a user pointer or address is not valid */
	L4_EPARTIAL = 9,	/* range operation found only part of it mapped */
	L4_EMSGSIZE = 10,	/* message longer than the receiver accepts */
	L4_EBUSY = 11,		/* resource already in use (e.g. bound interrupt) */
	L4_ENOSYS = 12,		/* no such system call */
};

/* ---- Address-space layout ----------------------------------------------
 * TTBR0 covers user space 0..0x7fffffff; the kernel lives above. The top
 * megabyte of user space belongs to the kernel's per-space objects: UTCB
 * slots from L4_UTCB_AREA (slot n at L4_UTCB_AREA + n * L4_UTCB_SLOT_SIZE)
 * and the read-only KIP in the last page. map refuses that range. */
#define L4_USER_TOP		0x80000000u
#define L4_UTCB_AREA		0x7ff00000u
#define L4_UTCB_AREA_END	0x7ffff000u
#define L4_KIP_ADDR		0x7ffff000u
#define L4_PAGE_SIZE		4096u

/* ---- thread_control operations (r0) ------------------------------------ */
enum l4_thread_op {
	L4_TC_CREATE = 0,	/* r1 space (NIL: new space), r2 pager, r3 prio,
				 * r4 UTCB address (0: kernel picks) -> r1 tid */
	L4_TC_DESTROY,		/* r1 tid */
	L4_TC_SUSPEND,		/* r1 tid */
	L4_TC_RESUME,		/* r1 tid */
	L4_TC_SET_PAGER,	/* r1 tid, r2 pager */
};

/* ---- exchange_registers: r0 tid, r1 flags, r2 pc, r3 sp ---------------
 * The old values come back in the caller's UTCB mr[L4_EXREG_*]; with
 * L4_EXREG_SET_GPRS / SET_FLAGS the new r0-r12, lr and cpsr are taken
 * from the same slots first. */
#define L4_EXREG_SET_PC		(1u << 0)
#define L4_EXREG_SET_SP		(1u << 1)
#define L4_EXREG_SET_GPRS	(1u << 2)	/* r0-r12 and lr */
#define L4_EXREG_SET_FLAGS	(1u << 3)	/* user-writable CPSR bits */
#define L4_EXREG_RESUME		(1u << 4)
#define L4_EXREG_SUSPEND	(1u << 5)
#define L4_EXREG_CANCEL_IPC	(1u << 6)	/* abort its IPC with -L4_ECANCELED */
#define L4_EXREG_R0		0	/* mr[0..12] = r0..r12 */
#define L4_EXREG_SP		13
#define L4_EXREG_LR		14
#define L4_EXREG_PC		15
#define L4_EXREG_CPSR		16
#define L4_EXREG_STATE		17	/* out only: L4_THREAD_* state */
#define L4_EXREG_WORDS		18

/* mr[L4_EXREG_STATE]: what the thread is doing, plus the suspended bit. */
#define L4_THREAD_READY		0u	/* running or runnable */
#define L4_THREAD_SENDING	1u	/* blocked in the send phase of an IPC */
#define L4_THREAD_RECEIVING	2u	/* blocked in the receive phase */
#define L4_THREAD_SUSPENDED	(1u << 8)

/* ---- map / protect permissions (r4 of map, r3 of protect) -------------- */
#define L4_PERM_READ		(1u << 0)
#define L4_PERM_WRITE		(1u << 1)
#define L4_PERM_EXEC		(1u << 2)
#define L4_PERM_DEVICE		(1u << 3)	/* uncached device memory */

/* ---- Fault and exception messages -------------------------------------
 * A page fault arrives at the pager as if the faulting thread had called
 * it: tag L4_TAG(L4_LABEL_PAGEFAULT, 4), MR1 fault address, MR2 access
 * (L4_PERM_READ/WRITE/EXEC), MR3 pc, MR4 fault status register (DFSR or
 * IFSR). An exception: tag L4_TAG(L4_LABEL_EXCEPTION, 4), MR1 kind, MR2 pc,
 * MR3 the faulting instruction word (or 0), MR4 cpsr. Any reply resumes the
 * thread where it stopped; the pager changes its registers with
 * exchange_registers before replying if it should go elsewhere. */
#define L4_FAULT_WORDS		4
#define L4_EXC_UNDEFINED	1	/* undefined instruction */
#define L4_EXC_BREAKPOINT	2	/* bkpt */
/* An unprivileged thread with a pager destroyed itself: the pager ends it
 * (it never resumes by itself; MR3 is 0). */
#define L4_EXC_DESTROY		3

/* An interrupt arrives as tag L4_TAG(L4_LABEL_INTERRUPT, 1), MR1 the
 * interrupt number, sent by the pseudo-thread L4_IRQ_SENDER(irq). Version 0
 * marks these ids: no thread has it. */
#define L4_IRQ_SENDER(irq)	L4_TID((irq) + 1, 0)
#define L4_IRQ_MAX		1020

enum l4_irq_op {
	L4_IRQ_BIND = 0,	/* r1 irq, r2 handler tid */
	L4_IRQ_UNBIND,		/* r1 irq */
	L4_IRQ_ACK,		/* r1 irq: unmask it again */
};

/* ---- space_control operations (r0) ------------------------------------- */
enum l4_space_op {
	L4_SC_SET_PRIVILEGED = 0,	/* r1 tid of the space: may map, control */
	L4_SC_GRANT_PHYS,		/* r1 tid, r2 phys base, r3 size: delegate */
	L4_SC_SET_QUOTA,		/* r1 tid, r2 kernel pages it may use */
	L4_SC_STATS,			/* out: UTCB mr[0..] struct l4_kstats */
	L4_SC_SET_WORKER_POOL,		/* r1 tid of the space: a reply may come
					 * from any of its threads */
};

struct l4_kstats {
	uint32_t free_kernel_pages;
	uint32_t threads;
	uint32_t spaces;
	uint32_t page_tables;
};

/* ---- kdebug operations (r0) -------------------------------------------- */
enum l4_kdebug_op {
	L4_KD_PUTS = 0,		/* r1 user pointer, r2 length */
	L4_KD_POWEROFF,		/* r1 exit status; privileged */
	L4_KD_ACCESS,		/* r1 enum l4_kernel_region, r2 user address:
				 * what the kernel may do there (L4_KACCESS_*),
				 * as its page tables say; privileged */
};

/* Places L4_KD_ACCESS asks about, so self-tests can check the kernel's
 * protections without knowing its layout. */
enum l4_kernel_region {
	L4_KREGION_TEXT = 0,	/* the kernel's code */
	L4_KREGION_RODATA,	/* its read-only data */
	L4_KREGION_DATA,	/* its data and bss */
	L4_KREGION_STACK,	/* the kernel stack */
	L4_KREGION_USER,	/* r2, in the caller's space */
};
#define L4_KACCESS_READ		(1u << 0)
#define L4_KACCESS_WRITE	(1u << 1)
#define L4_KACCESS_EXEC		(1u << 2)

/* ---- The kernel interface page, mapped read-only at L4_KIP_ADDR -------- */
#define L4_KIP_MAGIC		0x4b34344cu	/* "L44K" */
#define L4_KIP_MAX_MEM		16
#define L4_KIP_MAX_MODULES	16
#define L4_MODULE_NAME_LEN	32
#define L4_KIP_MAX_DEVICES	8

enum l4_mem_type {
	L4_MEM_CONVENTIONAL = 1,	/* RAM given to the root pager */
	L4_MEM_KERNEL,			/* reserved by the kernel */
	L4_MEM_MODULE,			/* a boot module's image (read it, keep it) */
	L4_MEM_DEVICE,			/* device registers the root may map */
	L4_MEM_ROOT_IMAGE,		/* the loaded root task: its lowest page
					 * is at base, the rest follows in order */
};

/* Devices the kernel found in the board's device tree, by kind, so that
 * servers ask for an address instead of writing it down. Their register
 * pages are L4_MEM_DEVICE ranges, owned by the root task. */
enum l4_device_kind {
	L4_DEV_UART = 1,		/* "arm,pl011" */
	L4_DEV_RTC,			/* "arm,pl031" */
	L4_DEV_GPIO,			/* "arm,pl061" */
	L4_DEV_FW_CFG,			/* "qemu,fw-cfg-mmio" */
};

struct l4_kip_device {
	uint32_t kind;			/* enum l4_device_kind */
	uint32_t base;			/* physical address of the registers */
	uint32_t size;
	uint32_t irq;			/* interrupt id (32 and up), 0 for none */
};

struct l4_kip_mem {
	uint32_t base;
	uint32_t size;
	uint32_t type;
};

struct l4_kip_module {
	char name[L4_MODULE_NAME_LEN];	/* NUL-terminated */
	uint32_t phys;			/* physical address of the ELF file */
	uint32_t size;
};

struct l4_kip {
	uint32_t magic;
	uint32_t api_version;
	uint32_t timer_hz;		/* generic timer frequency */
	l4_tid_t root_tid;		/* the root pager's first thread */
	uint32_t utcb_area;
	uint32_t num_mem;
	struct l4_kip_mem mem[L4_KIP_MAX_MEM];
	uint32_t num_modules;
	struct l4_kip_module modules[L4_KIP_MAX_MODULES];
	char kernel_version[32];
	uint32_t num_devices;
	struct l4_kip_device devices[L4_KIP_MAX_DEVICES];
	uint32_t num_processors;	/* processors the kernel runs on, numbered from 0 */
};
#define L4_API_VERSION		1

#endif
