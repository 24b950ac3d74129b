// torch-tidy real-code benchmark: a parse-only stand-in for the part of
// cxxopts the listed files use (Options, add_option/add_options, value<T>(),
// parse, ParseResult::operator[] / as<T>() / count). Not cxxopts' code.
#pragma once
#include <memory>
#include <string>

namespace cxxopts {

struct Value {
  Value* default_value(const std::string&) { return this; }
  Value* implicit_value(const std::string&) { return this; }
};
template <class T> std::shared_ptr<Value> value() { return std::make_shared<Value>(); }
template <class T> std::shared_ptr<Value> value(T&) { return std::make_shared<Value>(); }

struct Option {
  Option(const std::string&, const std::string&, std::shared_ptr<Value> = nullptr, const std::string& = "") {}
  Option(const std::string&, const std::string&, Value*, const std::string& = "") {}
};

struct OptionValue {
  template <class T> const T& as() const { static T t{}; return t; }
  std::size_t count() const { return 0; }
};

struct ParseResult {
  const OptionValue& operator[](const std::string&) const { static OptionValue v; return v; }
  std::size_t count(const std::string&) const { return 0; }
};

struct OptionAdder {
  template <class... A> OptionAdder& operator()(A&&...) { return *this; }
};

struct Options {
  Options(std::string, std::string = "") {}
  Options& allow_unrecognised_options() { return *this; }
  OptionAdder add_options(std::string = "") { return {}; }
  void add_option(const std::string&, const Option&) {}
  ParseResult parse(int, const char* const*) { return {}; }
  ParseResult parse(int&, char**&) { return {}; }
  std::string help() const { return {}; }
};

}  // namespace cxxopts
