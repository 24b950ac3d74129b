// Runner self-test: -fix-only verifies CHECK-FIXES and nothing else, so
// unmatched warnings are allowed; a wrong fix still fails.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -fix-only %s torch-foo %t
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -fix-only %s torch-foo %t -- -DWRONG > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-FIXES did not match the fixed file
// RUNNER-NOT: CHECK-MESSAGES

void f() {
  int *p = 0;
  // CHECK-FIXES: {{^}}  int *p = nullptr;{{$}}
  // FAKE-OUTPUT: -2:12: warning: use nullptr [torch-foo]
  // FAKE-OUTPUT: -3:3: warning: something else [torch-foo]
  // FAKE-FIX: int *p = 0; => int *p = nullptr;
  // FAKE-FIX[WRONG]: nullptr => NULL
}
