// torch-tidy real-code benchmark: parse-only plog stand-in; everything is in <plog/Log.h>.
#pragma once
#include <plog/Log.h>
