/* warm_image.h - for on-target tests that count mm0's pages: reads every
 * page of the program image once, so that mm0's page cache holds them all
 * before a count is taken. A page of code first run inside a counted
 * stretch would otherwise read as a page lost, and which code shares a page
 * with code already run changes with every build. */
#ifndef TESTS_WARM_IMAGE_H
#define TESTS_WARM_IMAGE_H

static inline void warm_program_image(void)
{
	extern const char __image_start[], __bss_start[];

	for (const volatile char *page = __image_start; page < __bss_start; page += 4096)
		(void)*page;
}

#endif
