// torch-tidy real-code benchmark: a parse-only stand-in for CLI11's <CLI/CLI.hpp>,
// declaring just what crim-libtorch-extensions' TestBench/TestBench.cpp uses.
// Declarations only; nothing runs. (Proposed by the held-out-3 labeller; not compiled.)
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <string>

namespace CLI {

class Validator {
public:
  Validator() = default;
};

extern const Validator ExistingDirectory;
extern const Validator ExistingFile;
extern const Validator PositiveNumber;
extern const Validator NonNegativeNumber;

std::string ignore_case(std::string item);

class CheckedTransformer : public Validator {
public:
  template <typename Mapping, typename Filter>
  CheckedTransformer(Mapping mapping, Filter filter) {}
};

class Option {
public:
  Option *check(const Validator &validator) { return this; }
  Option *transform(const Validator &validator) { return this; }
  Option *needs(Option *opt) { return this; }
  template <typename X> Option *default_val(const X &value) { return this; }
  std::size_t count() const { return 0; }
};

class ParseError {
public:
  int get_exit_code() const { return 0; }
};

class Option_group;

class App {
public:
  explicit App(std::string app_description = "") {}
  virtual ~App() = default;

  template <typename T>
  Option *add_option(std::string option_name, T &variable,
                     std::string option_description = "") {
    return nullptr;
  }
  template <typename T>
  Option *add_flag(std::string flag_name, T &flag_result,
                   std::string flag_description = "") {
    return nullptr;
  }
  Option_group *add_option_group(std::string group_name,
                                 std::string group_description = "");
  App *allow_windows_style_options(bool value = true) { return this; }
  void parse(int argc, const char *const *argv) {}
  int exit(const ParseError &e) const { return e.get_exit_code(); }
  std::size_t count_all() const { return 0; }
};

class Option_group : public App {
public:
  Option_group(std::string group_name, std::string group_description = "")
      : App(group_description) {}
};

} // namespace CLI

#define CLI11_PARSE(app, argc, argv)                                           \
  try {                                                                        \
    (app).parse((argc), (argv));                                               \
  } catch (const CLI::ParseError &e) {                                         \
    return (app).exit(e);                                                      \
  }
