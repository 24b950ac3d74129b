// Runner self-test: CHECK comments are cut from the file the tool fixes, so
// an unanchored CHECK-FIXES cannot match its own text when no fix happened.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-FIXES did not match the fixed file
// RUNNER: {{^}}fixes applied by the tool:
// RUNNER-NEXT: {{^}}(none)

void f() {
  int *p = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: use nullptr [torch-foo]
  // CHECK-FIXES: p = nullptr;
  // FAKE-OUTPUT: -3:12: warning: use nullptr [torch-foo]
}
