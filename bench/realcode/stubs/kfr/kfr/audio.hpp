// Parse-only stand-in for <kfr/audio.hpp>; all of it is in the base.hpp stub.
// stub. Declarations only; nothing runs.
#pragma once
#include "base.hpp"
