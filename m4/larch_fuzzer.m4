# larch_fuzzer.m4 - find a compiler that builds libFuzzer harnesses.

# LARCH_FUZZER: FUZZ_CC (clang by default) if it links -fsanitize=fuzzer with
# ASan and UBSan (Debian: clang and libclang-rt-14-dev), and the conditional
# HAVE_FUZZER; without one the fuzz tests in make check are skipped.
AC_DEFUN([LARCH_FUZZER], [
  AC_ARG_VAR([FUZZ_CC], [clang for the libFuzzer harnesses in tests/fuzz])
  AC_CHECK_PROGS([FUZZ_CC], [clang clang-14])
  larch_have_fuzzer=no
  AS_IF([test -n "$FUZZ_CC"], [
    AC_MSG_CHECKING([whether $FUZZ_CC links libFuzzer harnesses])
    cat > conftest-fuzz.c <<_LARCH_EOF
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return (int)(size && data[[0]] == 1) - 1 + 1; }
_LARCH_EOF
    AS_IF([$FUZZ_CC -fsanitize=fuzzer,address,undefined conftest-fuzz.c -o conftest-fuzz >&AS_MESSAGE_LOG_FD 2>&1],
      [larch_have_fuzzer=yes])
    AC_MSG_RESULT([$larch_have_fuzzer])
    rm -f conftest-fuzz.c conftest-fuzz])
  AS_IF([test "x$larch_have_fuzzer" = xno],
    [AC_MSG_WARN([no libFuzzer: the fuzz tests will be skipped (install clang and libclang-rt-14-dev)])])
  AM_CONDITIONAL([HAVE_FUZZER], [test "x$larch_have_fuzzer" = xyes])
])
