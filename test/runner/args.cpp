// Runner self-test: what the tool is given. The copy is <temp-prefix>.cpp,
// checks are -*,<name>, --fix is always on, -config becomes --config=, the
// runtime and Inputs/Headers are on the include path after -std, then the
// extra compiler arguments. With two `--`, the first group goes to the tool.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t \
// RUN:   -config='{CheckOptions: {torch-foo.Opt: 1}}' -- -DEXTRA
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=TWO -std=c++20 %s 'torch-*' %t \
// RUN:   -- --quiet -- -DEXTRA=2
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=NORT -no-runtime-include %s torch-foo %t
// -std=c++20-or-later runs the tool once per standard (c++20, c++23):
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py -check-suffix=LATER -std=c++20-or-later %s torch-foo %t > %t.out 2>&1
// RUN: FileCheck --check-prefix=RUNNER --input-file=%t.out %s
// RUNNER: {{^}}Running: {{.*}} -std=c++20
// RUNNER: {{^}}Running: {{.*}} -std=c++23
// RUNNER: {{^}}check_torch_tidy.py: PASS

// FAKE-ECHO-ARGS
// CHECK-MESSAGES: fake-tidy argv: --checks=-*,torch-foo --fix --config={CheckOptions: {torch-foo.Opt: 1}} {{[^ ]*}}/Output/args.cpp.tmp.cpp -- -std=c++17 -I{{[^ ]*}}/runtime/include -I{{[^ ]*}}/test/checks/Inputs/Headers -DEXTRA{{$}}
// CHECK-MESSAGES-TWO: fake-tidy argv: --checks=-*,torch-* --fix --quiet {{[^ ]*}}.tmp.cpp -- -std=c++20 -I{{[^ ]*}} -I{{[^ ]*}} -DEXTRA=2{{$}}
// CHECK-MESSAGES-LATER: fake-tidy argv: {{.*}} -std=c++2{{[03]}} {{.*}}
// CHECK-MESSAGES-NORT: fake-tidy argv: {{.*}}.tmp.cpp -- -std=c++17 -I{{[^ ]*}}/test/checks/Inputs/Headers{{$}}
