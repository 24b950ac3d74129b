// Parse-only stand-in: spdlog releases before 1.9 bundled fmt under
// spdlog/fmt/bundled/; Debian's libspdlog-dev uses the system fmt instead.
#pragma once
#include <spdlog/fmt/ostr.h>
