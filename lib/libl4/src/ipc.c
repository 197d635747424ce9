/* ipc.c - l4_ipc: moves MR0..MR5 between the UTCB and r3-r6, r8, r9. */
#include <l4/ipc.h>

int l4_ipc(l4_tid_t to, l4_tid_t from_spec, uint32_t timeouts, l4_tid_t *from)
{
	uint32_t *mr = l4_utcb()->mr;
	register uint32_t r0 asm("r0") = to;
	register uint32_t r1 asm("r1") = from_spec;
	register uint32_t r2 asm("r2") = timeouts;
	register uint32_t r3 asm("r3") = mr[0];
	register uint32_t r4 asm("r4") = mr[1];
	register uint32_t r5 asm("r5") = mr[2];
	register uint32_t r6 asm("r6") = mr[3];
	register uint32_t r7 asm("r7") = L4_SYS_IPC;
	register uint32_t r8 asm("r8") = mr[4];
	register uint32_t r9 asm("r9") = mr[5];
	asm volatile("svc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
		       "+r"(r8), "+r"(r9)
		     : "r"(r7)
		     : "memory");
	if (from_spec != L4_NILTHREAD) {
		mr[0] = r3;
		mr[1] = r4;
		mr[2] = r5;
		mr[3] = r6;
		mr[4] = r8;
		mr[5] = r9;
	}
	if (from)
		*from = r1;
	return (int)r0;
}
