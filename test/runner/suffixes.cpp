// Runner self-test: -check-suffix(es) selects CHECK-MESSAGES-<SUFFIX> lines
// and ignores the others; a run without a suffix sees only the plain ones.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t -- -DBASE
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=A %s torch-foo %t -- -DA
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffixes=A,B-2 %s torch-foo %t -- -DA -DB
// A suffix with no directive at all asserts silence:
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=QUIET %s torch-foo %t -- -DQUIET
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=QUIET %s torch-foo %t -- -DA > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): no CHECK-MESSAGES or CHECK-NOTES, so the tool must be silent

void f() {
  int a = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: always [torch-foo]
  // CHECK-MESSAGES-A: :[[@LINE-2]]:7: warning: with A [torch-foo]
  // CHECK-MESSAGES-B-2: :[[@LINE-3]]:7: warning: with B [torch-foo]
  // CHECK-FIXES-A: {{^}}  int a = 1;{{$}}
  // FAKE-OUTPUT[A]: -5:7: warning: with A [torch-foo]
  // FAKE-OUTPUT[B]: -6:7: warning: with B [torch-foo]
  // FAKE-OUTPUT[BASE]: -7:7: warning: always [torch-foo]
  // FAKE-FIX[A]: int a = 0; => int a = 1;
}
