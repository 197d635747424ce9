/* t_hardening.c - the kernel's protection of itself, as its page tables
 * say: text read-only and executable, read-only data read-only, data and
 * stack writable but never executable, user memory never executable from
 * kernel mode; page 0 is never mapped. */
#include "ktest.h"

#define R	L4_KACCESS_READ
#define W	L4_KACCESS_WRITE
#define X	L4_KACCESS_EXEC

static uint32_t user_data_word = 1;

void test_hardening(void)
{
	uint32_t page = phys_page();
	check_eq("hardening: kernel text is read-only and executable",
		 l4_kernel_access(L4_KREGION_TEXT, 0), R | X);
	check_eq("hardening: kernel read-only data is read-only, never executable",
		 l4_kernel_access(L4_KREGION_RODATA, 0), R);
	check_eq("hardening: kernel data is writable, never executable",
		 l4_kernel_access(L4_KREGION_DATA, 0), R | W);
	check_eq("hardening: the kernel stack is writable, never executable",
		 l4_kernel_access(L4_KREGION_STACK, 0), R | W);
	check_eq("hardening: user code is never executable by the kernel (PXN)",
		 l4_kernel_access(L4_KREGION_USER, (uint32_t)test_hardening), R);
	check_eq("hardening: user data is never executable by the kernel",
		 l4_kernel_access(L4_KREGION_USER, (uint32_t)&user_data_word), R | W);
	check_eq("hardening: an unmapped user page gives the kernel nothing",
		 l4_kernel_access(L4_KREGION_USER, 0), 0);
	check_eq("hardening: a kernel address is no user address",
		 l4_kernel_access(L4_KREGION_USER, L4_USER_TOP), -L4_EINVAL);
	check_eq("hardening: unknown region", l4_kernel_access(L4_KREGION_USER + 1, 0), -L4_EINVAL);
	check_eq("hardening: map page 0 refused", l4_map(root_tid, page, 0, L4_PAGE_SIZE,
		 L4_PERM_READ | L4_PERM_WRITE, 0), -L4_EINVAL);
	check_eq("hardening: a range starting at page 0 refused", l4_map(root_tid, page, 0,
		 2 * L4_PAGE_SIZE, L4_PERM_READ, 0), -L4_EINVAL);
}
