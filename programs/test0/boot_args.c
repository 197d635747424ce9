/* boot_args.c - the arguments test0 is booted with (libposix's
 * posix_boot_argv), which t_environment.c checks. */
char *const posix_boot_argv[] = { "test0", "alpha", "beta gamma", 0 };
