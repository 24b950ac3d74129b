// torch-tidy real-code benchmark: a parse-only stand-in for the part of
// boost::program_options the listed files use (options_description,
// add_options, value<T>(), store, parse_command_line, notify, variables_map).
// Not Boost's code; nothing here links or runs.
#pragma once
#include <cstddef>
#include <map>
#include <ostream>
#include <string>

namespace boost {
namespace program_options {

struct value_semantic {
  template <class V> value_semantic* default_value(const V&) { return this; }
  template <class V> value_semantic* default_value(const V&, const std::string&) { return this; }
  template <class V> value_semantic* implicit_value(const V&) { return this; }
  value_semantic* multitoken() { return this; }
  value_semantic* required() { return this; }
  value_semantic* composing() { return this; }
  value_semantic* zero_tokens() { return this; }
};
template <class T> struct typed_value : value_semantic {};
template <class T> typed_value<T>* value() { static typed_value<T> v; return &v; }
template <class T> typed_value<T>* value(T*) { static typed_value<T> v; return &v; }
inline typed_value<bool>* bool_switch() { static typed_value<bool> v; return &v; }

struct options_description_easy_init {
  options_description_easy_init& operator()(const char*, const char*) { return *this; }
  options_description_easy_init& operator()(const char*, const value_semantic*) { return *this; }
  options_description_easy_init& operator()(const char*, const value_semantic*, const char*) { return *this; }
};

struct options_description {
  options_description() = default;
  explicit options_description(const std::string&, unsigned = 80, unsigned = 40) {}
  options_description_easy_init add_options() { return {}; }
  options_description& add(const options_description&) { return *this; }
};
inline std::ostream& operator<<(std::ostream& os, const options_description&) { return os; }

struct parsed_options {};
template <class C, class A> parsed_options parse_command_line(int, C, const A&, int = 0) { return {}; }

struct variable_value {
  template <class T> const T& as() const { static T t{}; return t; }
  template <class T> T& as() { static T t{}; return t; }
  bool empty() const { return true; }
  bool defaulted() const { return false; }
};

struct variables_map : std::map<std::string, variable_value> {
  const variable_value& operator[](const std::string& k) const { static variable_value v; (void)k; return v; }
  variable_value& operator[](const std::string& k) { return std::map<std::string, variable_value>::operator[](k); }
};

inline void store(const parsed_options&, variables_map&, bool = false) {}
inline void notify(variables_map&) {}

}  // namespace program_options
}  // namespace boost
