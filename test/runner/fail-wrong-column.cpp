// Runner self-test: the right message at the wrong column fails.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-MESSAGES did not match the tool output

void f() {
  int a = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: bad [torch-foo]
  // FAKE-OUTPUT: -2:7: warning: bad [torch-foo]
}
