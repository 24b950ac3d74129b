// Runner self-test: a warning that no CHECK-MESSAGES line matches fails.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-MESSAGES did not match the tool output
// RUNNER: {{^}}command line:1:{{[0-9]+}}: error: IMPLICIT-CHECK-NOT: excluded string found in input
// RUNNER: .tmp.cpp:[[#@LINE+4]]:7: warning: second [torch-foo]

void f() {
  int a = 0;
  int b = 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: first [torch-foo]
  // FAKE-OUTPUT: -3:7: warning: first [torch-foo]
  // FAKE-OUTPUT: -3:7: warning: second [torch-foo]
}
