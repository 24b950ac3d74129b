// Runner self-test: without CHECK-MESSAGES or CHECK-NOTES any warning fails,
// even when only CHECK-FIXES lines are present.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): no CHECK-MESSAGES or CHECK-NOTES, so the tool must be silent, but it printed
// RUNNER-NEXT: .tmp.cpp:[[#@LINE+3]]:7: warning: unexpected [torch-foo]

void f() {
  int a = 0;
  // CHECK-FIXES: {{^}}  int a = 0;{{$}}
  // FAKE-OUTPUT: -2:7: warning: unexpected [torch-foo]
}
