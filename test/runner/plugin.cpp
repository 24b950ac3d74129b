// Runner self-test: -plugin runs clang-tidy with --load=<plugin>, and exit
// codes follow clang-tidy (0 even with warnings; 1 only for compiler errors).
// The fake stands in for both clang-tidy and the plugin file.
// RUN: %check_torch_tidy_plugin -clang-tidy=%S/fake_tidy.py -plugin-path=%S/fake_tidy.py %s torch-foo %t -- -DPLAIN
// RUN: not %check_torch_tidy_plugin -clang-tidy=%S/fake_tidy.py -plugin-path=%S/fake_tidy.py -check-suffix=TOOLCODE %s torch-foo %t -- -DTOOLCODE > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}check_torch_tidy.py: FAIL (-std=c++17): exit code 1, expected 0 (clang-tidy: 0 = ran, 1 = compiler error)
// A missing plugin is a usage error, not a silent pass:
// RUN: not %check_torch_tidy_plugin -clang-tidy=%S/fake_tidy.py -plugin-path=%t.missing.so %s torch-foo %t > %t.missing 2>&1
// RUN: FileCheck --check-prefix=MISSING --input-file=%t.missing %s
// MISSING: {{^}}check_torch_tidy.py: ERROR: plugin not found: {{.*}}.missing.so (build it first)

void f() {
  int a = 0;
  // CHECK-MESSAGES: fake-tidy argv: --load={{[^ ]*}}/fake_tidy.py --checks=-*,torch-foo --fix {{[^ ]*}}.tmp.cpp -- -std=c++17
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: bad [torch-foo]
  // CHECK-MESSAGES-TOOLCODE: :[[@LINE-3]]:7: warning: bad [torch-foo]
  // FAKE-ECHO-ARGS[PLAIN]
  // FAKE-OUTPUT: -5:7: warning: bad [torch-foo]
  // FAKE-EXIT[PLAIN]: 0
}
