/* mm0_local.h - what mm0 alone derives from its wire ABI (mm0_types.h,
 * generated from idl/mm0_types.idl) and from the kernel's (l4/abi.h): page
 * arithmetic, the UTCB area, where a started program's stack and heap go,
 * and the answer of a handler that replies later. */
#ifndef MM0_LOCAL_H
#define MM0_LOCAL_H

#include <stdint.h>

#include <l4/abi.h>

#include "mm0_types.h"
#include "mm0_wait.h"

#define MM0_PAGE_MASK		(MM0_PAGE_SIZE - 1)

#define MM0_UTCB_AREA		L4_UTCB_AREA
#define MM0_UTCB_SLOT_SIZE	L4_UTCB_SLOT_SIZE
#define MM0_UTCB_SLOTS		((L4_UTCB_AREA_END - L4_UTCB_AREA) / L4_UTCB_SLOT_SIZE)

/* Where mm0 puts a started program's stack and heap (the heap matches
 * lib/libl4/user.ld: 1 MiB from the page after the image, the break's start).
 * The stack starts with MM0_STACK_SIZE mapped and grows on demand into the
 * room below it that RLIMIT_STACK sets at exec (at most MM0_STACK_ROOM_MAX). */
#define MM0_STACK_SIZE		0x00010000u
#define MM0_STACK_TOP		(MM0_ENV_ADDR - MM0_PAGE_SIZE)
#define MM0_STACK_ROOM_MAX	0x10000000u
#define MM0_HEAP_SIZE		0x00100000u

#define MM0_MS_KNOWN		(MM0_MS_ASYNC | MM0_MS_INVALIDATE | MM0_MS_SYNC)

/* The IDL's numbers that must equal the kernel's. */
_Static_assert(MM0_PAGE_SIZE == L4_PAGE_SIZE, "mm0's page is the kernel's");
_Static_assert(MM0_ENV_ADDR == L4_UTCB_AREA - L4_PAGE_SIZE,
	       "the environment page lies just below the UTCB area");
_Static_assert(MM0_PROT_READ == L4_PERM_READ && MM0_PROT_WRITE == L4_PERM_WRITE &&
	       MM0_PROT_EXEC == L4_PERM_EXEC, "prot bits pass to the kernel unchanged");

#endif
