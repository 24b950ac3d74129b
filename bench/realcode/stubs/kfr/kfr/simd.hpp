// Parse-only stand-in for <kfr/simd.hpp>; all of it is in the base.hpp stub.
// Declarations only; nothing runs.
#pragma once
#include "base.hpp"
