// Parse-only stand-in for z5's <z5/multiarray/xtensor_access.hxx>, used here
// only for the xtensor types. Declarations only; nothing runs.
#pragma once
#include "xtensor/containers/xtensor.hpp"
#include "z5/dataset.hxx"
