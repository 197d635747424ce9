/* rtc.c - the real time at boot: the PL031's seconds, read once at mm0's start
 * (its page is mapped only for that read), tied to the generic timer's count. */
#include <errno.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "serve/time_requests.h"

#define RTC_DATA	0x00	/* RTCDR: seconds since 1970 */
#define NSEC_PER_SEC	1000000000ll

static uint64_t virtual_count(void)
{
	uint32_t low, high;

	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high));
	return ((uint64_t)high << 32) | low;
}

/* The device page appears at its own address for the read: at start-up mm0 has
 * nothing there (its image and young heap lie near the bottom of its space). */
int rtc_read_boot_time(void)
{
	const struct l4_kip_device *rtc = l4_kip_device(L4_DEV_RTC);
	uint64_t hz = l4_kip()->timer_hz, count;
	uint32_t seconds;
	int err;

	if (!rtc)
		return -ENODEV;
	err = l4_map(l4_myself(), rtc->base, rtc->base, L4_PAGE_SIZE,
		     L4_PERM_READ | L4_PERM_DEVICE, 0);
	if (err)
		return kernel_error_to_errno(err);
	seconds = *(volatile uint32_t *)(rtc->base + RTC_DATA);
	count = virtual_count();
	l4_unmap(l4_myself(), rtc->base, L4_PAGE_SIZE, 0);
	serve_boot_time_ns = (int64_t)seconds * NSEC_PER_SEC -
			     (int64_t)(count / hz * NSEC_PER_SEC + count % hz * NSEC_PER_SEC / hz);
	return 0;
}
