// Runner self-test: with CHECK-NOTES every note must be matched as well,
// except clang-tidy's own "FIX-IT applied" notes.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=ALL %s torch-foo %t
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=PART %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-NOTES did not match the tool output
// RUNNER: {{^}}command line:1:{{[0-9]+}}: error: IMPLICIT-CHECK-NOT: excluded string found in input
// RUNNER: .tmp.cpp:[[#@LINE+3]]:7: note: declared here

void f() {
  int a = 0;
  // CHECK-NOTES-ALL: :[[@LINE-1]]:7: warning: bad [torch-foo]
  // CHECK-NOTES-ALL: :[[@LINE-2]]:7: note: declared here
  // CHECK-NOTES-PART: :[[@LINE-3]]:7: warning: bad [torch-foo]
  // FAKE-OUTPUT: -4:7: warning: bad [torch-foo]
  // FAKE-OUTPUT: -5:7: note: FIX-IT applied suggested code changes
  // FAKE-OUTPUT: -6:7: note: declared here
}
