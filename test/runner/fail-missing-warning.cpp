// Runner self-test: an expected warning that the tool does not print fails.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-MESSAGES did not match the tool output
// RUNNER: error: CHECK-MESSAGES: expected string not found in input

void f() {
  int a = 0;
  int b = 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: first [torch-foo]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: second [torch-foo]
  // FAKE-OUTPUT: -4:7: warning: first [torch-foo]
}
