/* fiber_switch.S - fs0's fibers on the target: the switch from one stack to
 * another (fiber.c). Only what the AAPCS makes a callee keep is saved: r4-r11,
 * sp and lr (the build is soft-float, so there are no VFP registers to keep). */
	.syntax unified
	.arm
	.text

/* void fiber_switch(struct fiber_context *from, const struct fiber_context *to):
 * saves this fiber's registers in from and returns into to's. */
	.global	fiber_switch
	.type	fiber_switch, %function
fiber_switch:
	stmia	r0!, {r4-r11}
	str	sp, [r0], #4
	str	lr, [r0]
	ldmia	r1!, {r4-r11}
	ldr	sp, [r1], #4
	ldr	lr, [r1]
	bx	lr
	.size	fiber_switch, . - fiber_switch

/* Where a new fiber's first switch returns to: fiber.c left its entry
 * function in r4; the entry never returns. */
	.global	fiber_first_run
	.type	fiber_first_run, %function
fiber_first_run:
	blx	r4
	udf	#0
	.size	fiber_first_run, . - fiber_first_run
