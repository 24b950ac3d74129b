// A tiny assertion for the demos: each demo prints what it shows and exits
// non-zero if the runtime did not behave as the demo says (the demos double
// as tests).
#pragma once

#include <cstdio>
#include <cstdlib>

#define DEMO_EXPECT(cond, what)                                     \
  do {                                                              \
    if (!(cond)) {                                                  \
      std::fprintf(stderr, "demo expectation failed: %s (%s:%d)\n", \
                   what, __FILE__, __LINE__);                       \
      std::exit(1);                                                 \
    }                                                               \
  } while (0)
