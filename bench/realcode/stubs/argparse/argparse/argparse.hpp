// torch-tidy real-code benchmark: a loosely typed stand-in for p-ranav's
// <argparse/argparse.hpp>, declaring just what the listed files use. Our own
// declarations, not the library's code; nothing is built or run with them.
#pragma once
#include <ostream>
#include <string>

namespace argparse {
struct Argument {
  Argument &help(const std::string &) { return *this; }
  template <typename T> Argument &default_value(T &&) { return *this; }
  template <char Shape, typename T> Argument &scan() { return *this; }
};

struct ArgumentParser {
  explicit ArgumentParser(std::string = "", std::string = "") {}
  Argument &add_argument(const std::string &) { return Arg; }
  void parse_args(int, const char *const *) {}
  template <typename T> T get(const std::string &) const { return T(); }
  friend std::ostream &operator<<(std::ostream &OS, const ArgumentParser &) {
    return OS;
  }
  Argument Arg;
};
} // namespace argparse
