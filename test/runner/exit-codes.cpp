// Runner self-test: torch-tidy's exit code is part of what is tested.
// 0 = clean, 1 = findings, 2 = the input did not parse.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t
//
// Exit 0 while printing a warning breaks the contract:
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t -- -DEXIT0 > %t.exit0 2>&1
// RUN: FileCheck --check-prefix=EXIT0 --input-file=%t.exit0 %s
// EXIT0: {{^}}check_torch_tidy.py: FAIL (-std=c++17): exit code 0 although the tool printed a warning (exit 1 means findings)
//
// Any other code (a crash, an abort) fails even if the output matched:
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t -- -DEXIT134 > %t.exit134 2>&1
// RUN: FileCheck --check-prefix=EXIT134 --input-file=%t.exit134 %s
// EXIT134: {{^}}check_torch_tidy.py: FAIL (-std=c++17): exit code 134, expected 0 or 1 (torch-tidy: 0 = clean, 1 = findings, 2 = parse error)
//
// A parse error (exit 2 and an error: line) fails unless -expect-error:
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t -- -DBROKEN > %t.broken 2>&1
// RUN: FileCheck --check-prefix=BROKEN --input-file=%t.broken %s
// BROKEN: {{^}}check_torch_tidy.py: FAIL (-std=c++17): exit code 2, expected 0 or 1
// BROKEN: {{^}}check_torch_tidy.py: FAIL (-std=c++17): CHECK-MESSAGES did not match the tool output
// BROKEN: {{^}}command line:1:{{[0-9]+}}: error: IMPLICIT-CHECK-NOT: excluded string found in input
// BROKEN: .tmp.cpp:[[#@LINE+10]]:11: error: expected ';' [clang-diagnostic-error]
//
// -expect-error passes when the error is there and pinned by a CHECK line:
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -expect-error -check-suffix=ERR %s torch-foo %t -- -DBROKEN
// ...and fails when the input parsed after all:
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -expect-error -check-suffix=ERR %s torch-foo %t > %t.parsed 2>&1
// RUN: FileCheck --check-prefix=PARSED --input-file=%t.parsed %s
// PARSED: {{^}}check_torch_tidy.py: FAIL (-std=c++17): exit code 1, expected 2 (torch-tidy: 0 = clean, 1 = findings, 2 = parse error)

void f() {
  int a = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: bad [torch-foo]
  // CHECK-MESSAGES-ERR: :[[@LINE-2]]:7: warning: bad [torch-foo]
  // CHECK-MESSAGES-ERR: :[[@LINE-3]]:11: error: expected ';' [clang-diagnostic-error]
  // FAKE-OUTPUT: -4:7: warning: bad [torch-foo]
  // FAKE-OUTPUT[BROKEN]: -5:11: error: expected ';' [clang-diagnostic-error]
  // FAKE-EXIT[EXIT0]: 0
  // FAKE-EXIT[EXIT134]: 134
}
