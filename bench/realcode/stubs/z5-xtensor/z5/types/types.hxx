// Parse-only stand-in for z5's <z5/types/types.hxx> (shape and compression
// option types). Declarations only; nothing runs.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace z5::types {
using ShapeType = std::vector<std::size_t>;
using CompressionOptions =
    std::map<std::string, std::variant<int, bool, std::string, double>>;
} // namespace z5::types
