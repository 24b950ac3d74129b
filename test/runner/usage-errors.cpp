// Runner self-test: malformed tests are rejected (exit 2) instead of passing.
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=BOTH %s torch-foo %t > %t.both 2>&1
// RUN: FileCheck --check-prefix=BOTH --input-file=%t.both %s
// BOTH: {{^}}check_torch_tidy.py: ERROR: use either CHECK-MESSAGES or CHECK-NOTES in one run, not both (CHECK-MESSAGES-BOTH, CHECK-NOTES-BOTH)
//
// RUN: not %check_torch_tidy -tool=%t.no-such-tool %s torch-foo %t > %t.notool 2>&1
// RUN: FileCheck --check-prefix=NOTOOL --input-file=%t.notool %s
// NOTOOL: {{^}}check_torch_tidy.py: ERROR: tool not found: {{.*}}.no-such-tool (build it first)
//
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -fix-only %s torch-foo %t > %t.fixonly 2>&1
// RUN: FileCheck --check-prefix=FIXONLY --input-file=%t.fixonly %s
// FIXONLY: {{^}}check_torch_tidy.py: ERROR: -fix-only but no CHECK-FIXES directive
//
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -expect-error %s torch-foo %t > %t.unpinned 2>&1
// RUN: FileCheck --check-prefix=UNPINNED --input-file=%t.unpinned %s
// UNPINNED: {{^}}check_torch_tidy.py: ERROR: -expect-error needs a CHECK-MESSAGES or CHECK-NOTES line that pins the expected error
//
// RUN: not %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=NOT %s torch-foo %t > %t.suffix 2>&1
// RUN: FileCheck --check-prefix=SUFFIX --input-file=%t.suffix %s
// SUFFIX: {{^}}check_torch_tidy.py: ERROR: invalid check suffix 'NOT'

void f() {
  int a = 0;
  // CHECK-MESSAGES-BOTH: :[[@LINE-1]]:7: warning: bad [torch-foo]
  // CHECK-NOTES-BOTH: :[[@LINE-2]]:7: warning: bad [torch-foo]
}
