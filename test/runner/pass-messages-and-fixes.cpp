// Runner self-test: matched warnings and fixes pass; notes and the tool's
// summary lines need no CHECK-MESSAGES line. The CHECK line sits between the
// code and the FAKE-OUTPUT directives, so the fake's relative line numbers
// (and [[@LINE-1]]) only agree if stripping kept every line.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t

void f() {
  int *p = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: use nullptr [torch-foo]
  // CHECK-FIXES: {{^}}  int *p = nullptr;{{$}}
  // FAKE-OUTPUT: -3:12: warning: use nullptr [torch-foo]
  // FAKE-OUTPUT: -4:12: note: null pointer constant here
  // FAKE-OUTPUT: 1 warning generated.
  // FAKE-FIX: int *p = 0; => int *p = nullptr;
}
