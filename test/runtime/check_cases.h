// Runs the functions of a check's lit test (test/checks/<check>.cpp) as
// unit tests: the code torch-tidy flags is the code that fails here, on the
// runtime and (in runtime_tests_libtorch) on real LibTorch. A lit file's
// pos_* functions must fail with the check's documented LibTorch error and
// its neg_* functions must run cleanly; check_case_parity.py keeps the lists
// here equal to the functions of the lit file.
#pragma once

#include "test_helpers.h"

// A positive case: `call` throws an error starting with `prefix`.
#define TT_POSITIVE_CALL(suite, name, call, prefix)                      \
  TEST(suite, name) {                                                     \
    torch_tidy_test::expectThrowsStartingWith([] { call; }, prefix);      \
  }
#define TT_POSITIVE(suite, name, prefix) \
  TT_POSITIVE_CALL(suite, name, name(), prefix)

// A negative case: `call` runs without an error.
#define TT_NEGATIVE_CALL(suite, name, call) \
  TEST(suite, name) { torch_tidy_test::expectNoThrow([] { call; }); }
#define TT_NEGATIVE(suite, name) TT_NEGATIVE_CALL(suite, name, name())
