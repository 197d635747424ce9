# larch_target.m4 - find the ARM cross toolchain and the tools the build needs.

# LARCH_REQUIRE_PROG(VAR, PROGS, DEBIAN-PACKAGE)
# Find one of PROGS; stop configure with the Debian package to install if none.
AC_DEFUN([LARCH_REQUIRE_PROG], [
  AC_CHECK_PROGS([$1], [$2])
  AS_IF([test -z "$$1"],
    [AC_MSG_ERROR([none of '$2' found: install the Debian package '$3' (apt-get install $3, or run tools/install-deps)])])
])

# LARCH_TARGET_TOOLCHAIN
# Sets TARGET_CC, TARGET_AR, TARGET_OBJCOPY, TARGET_CFLAGS for the ARM part.
# --with-target-prefix=PREFIX picks PREFIXgcc; TARGET_CC=... overrides outright.
AC_DEFUN([LARCH_TARGET_TOOLCHAIN], [
  AC_ARG_WITH([target-prefix],
    [AS_HELP_STRING([--with-target-prefix=PREFIX],
      [cross tool prefix for the ARM target @<:@arm-none-eabi-@:>@])],
    [larch_target_prefix=$withval], [larch_target_prefix=arm-none-eabi-])
  AC_ARG_VAR([TARGET_CC], [C compiler for the ARM target])
  AC_ARG_VAR([TARGET_AR], [archiver for the ARM target])
  AC_ARG_VAR([TARGET_OBJCOPY], [objcopy for the ARM target])
  LARCH_REQUIRE_PROG([TARGET_CC], [${larch_target_prefix}gcc], [gcc-arm-none-eabi])
  LARCH_REQUIRE_PROG([TARGET_AR], [${larch_target_prefix}ar], [binutils-arm-none-eabi])
  LARCH_REQUIRE_PROG([TARGET_OBJCOPY], [${larch_target_prefix}objcopy], [binutils-arm-none-eabi])
  AC_MSG_CHECKING([whether $TARGET_CC builds for ARMv7-A])
  echo 'int f(void){return 0;}' > conftest-target.c
  AS_IF([$TARGET_CC -mcpu=cortex-a15 -marm -c conftest-target.c -o conftest-target.o >&AS_MESSAGE_LOG_FD 2>&1],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no]); AC_MSG_ERROR([$TARGET_CC cannot build for cortex-a15: install gcc-arm-none-eabi])])
  rm -f conftest-target.c conftest-target.o
  TARGET_CFLAGS="-mcpu=cortex-a15 -marm -mfloat-abi=soft -O2 -g -std=gnu11 -ffreestanding -fno-common -Wall -Wextra -Werror"
  AC_SUBST([TARGET_CFLAGS])
  # User programs and servers link picolibc's speed-built variant: the
  # default one copies and clears memory a byte at a time.
  TARGET_LIBC_CFLAGS="-specs=picolibc.specs --picolibc-buildtype=release"
  AC_SUBST([TARGET_LIBC_CFLAGS])
])

# LARCH_SANITIZERS: ASan+UBSan flags for host test builds, if the compiler takes them.
AC_DEFUN([LARCH_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--disable-sanitizers], [build host tests without ASan/UBSan])],
    [], [enable_sanitizers=yes])
  SANITIZER_CFLAGS=
  AS_IF([test "x$enable_sanitizers" = xyes], [
    AC_MSG_CHECKING([whether $CC accepts -fsanitize=address,undefined])
    larch_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS -fsanitize=address,undefined"
    AC_LINK_IFELSE([AC_LANG_PROGRAM([], [])],
      [AC_MSG_RESULT([yes]); SANITIZER_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"],
      [AC_MSG_RESULT([no])])
    CFLAGS=$larch_save_CFLAGS])
  AC_SUBST([SANITIZER_CFLAGS])
])
