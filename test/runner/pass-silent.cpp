// Runner self-test: no CHECK lines and no diagnostics passes (silence is the
// expectation). Statistics lines are not diagnostics.
// RUN: %check_torch_tidy -tool=%S/fake_tidy.py %s torch-foo %t

void f() {}
// FAKE-OUTPUT: Suppressed 3 warnings (3 in non-user code).
