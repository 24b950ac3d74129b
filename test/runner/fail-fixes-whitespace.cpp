// Runner self-test: CHECK-FIXES is whitespace-strict, so a fix that changes
// only the spacing fails.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-FIXES did not match the fixed file

void f() {
  int *p = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: use nullptr [torch-foo]
  // CHECK-FIXES: {{^}}  int *p = nullptr;{{$}}
  // FAKE-OUTPUT: -3:12: warning: use nullptr [torch-foo]
  // FAKE-FIX: int *p = 0; => int *p =  nullptr;
}
