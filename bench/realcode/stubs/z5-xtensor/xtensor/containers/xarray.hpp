// Parse-only stand-in for <xtensor/containers/xarray.hpp>; the containers live
// in the sibling xtensor.hpp stub. Declarations only; nothing runs.
#pragma once
#include "xtensor.hpp"
