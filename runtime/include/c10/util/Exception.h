// c10::Error: the exception every LibTorch check raises. what() carries a
// location line after the message, as LibTorch's does; what_without_backtrace()
// is the bare message, which is what the tests and demos compare.
#pragma once

#include <exception>
#include <sstream>
#include <string>

namespace c10 {

class Error : public std::exception {
 public:
  Error(std::string msg, const char* func, const char* file, int line)
      : msg_(std::move(msg)) {
    full_ = msg_ + "\nException raised from " + func + " at " + file + ":" +
            std::to_string(line) + " (most recent call first):\n";
  }
  explicit Error(std::string msg) : msg_(std::move(msg)), full_(msg_) {}

  const char* what() const noexcept override { return full_.c_str(); }
  const char* what_without_backtrace() const noexcept { return msg_.c_str(); }
  const std::string& msg() const { return msg_; }

 private:
  std::string msg_;
  std::string full_;
};

// An index or dim out of range (TORCH_CHECK_INDEX): LibTorch's Python
// binding turns it into IndexError; in C++ it is a c10::Error.
class IndexError : public Error {
 public:
  using Error::Error;
};

namespace detail {
inline void append_all(std::ostringstream&) {}
template <typename T, typename... Rest>
void append_all(std::ostringstream& os, const T& v, const Rest&... rest) {
  os << v;
  append_all(os, rest...);
}
template <typename... Args>
std::string str(const Args&... args) {
  std::ostringstream os;
  append_all(os, args...);
  return os.str();
}
[[noreturn]] inline void torch_check_fail(const char* func, const char* file,
                                          int line, const std::string& msg) {
  throw ::c10::Error(msg, func, file, line);
}
[[noreturn]] inline void torch_check_index_fail(const char* func,
                                                const char* file, int line,
                                                const std::string& msg) {
  throw ::c10::IndexError(msg, func, file, line);
}
}  // namespace detail

}  // namespace c10

#define TORCH_CHECK(cond, ...)                                          \
  do {                                                                  \
    if (!(cond)) {                                                      \
      ::c10::detail::torch_check_fail(__func__, __FILE__, __LINE__,     \
                                      ::c10::detail::str(__VA_ARGS__)); \
    }                                                                   \
  } while (0)

#define TORCH_CHECK_INDEX(cond, ...)                                          \
  do {                                                                        \
    if (!(cond)) {                                                            \
      ::c10::detail::torch_check_index_fail(__func__, __FILE__, __LINE__,     \
                                            ::c10::detail::str(__VA_ARGS__)); \
    }                                                                         \
  } while (0)

#define TORCH_INTERNAL_ASSERT(cond, ...) \
  TORCH_CHECK(cond, "INTERNAL ASSERT FAILED: " #cond " ", ##__VA_ARGS__)
