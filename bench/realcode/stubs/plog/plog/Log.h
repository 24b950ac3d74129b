// torch-tidy real-code benchmark: a parse-only stand-in for plog (<plog/Log.h> and the
// headers crim-libtorch-extensions' TestBench includes), declaring just what TestBench
// uses: PLOG(severity) streams, severities, appenders, init() and the bits of Record/util
// that TestBench/formatter.h names. Declarations only; nothing runs. (Proposed, not compiled.)
#pragma once
#include <cstddef>
#include <ctime>
#include <ostream>
#include <sstream>
#include <string>

namespace plog {

enum Severity { none = 0, fatal = 1, error = 2, warning = 3, info = 4, debug = 5, verbose = 6 };

const char *severityToString(Severity severity);

namespace util {
typedef std::string nstring;
typedef std::ostringstream nostringstream;
struct Time {
  std::time_t time;
  unsigned short millitm;
};
void localtime_s(struct tm *t, const std::time_t *time);
} // namespace util

class Record {
public:
  const util::Time &getTime() const;
  Severity getSeverity() const;
  unsigned int getTid() const;
  const char *getFunc() const;
  std::size_t getLine() const;
  const char *getMessage() const;
};

class IAppender {
public:
  virtual ~IAppender() {}
};

template <class Formatter> class ConsoleAppender : public IAppender {
public:
  ConsoleAppender() {}
};

template <class Formatter> class ColorConsoleAppender : public ConsoleAppender<Formatter> {
public:
  ColorConsoleAppender() {}
};

template <class Formatter> class RollingFileAppender : public IAppender {
public:
  RollingFileAppender(const char *fileName, std::size_t maxFileSize = 0, int maxFiles = 0) {}
};

class Logger {
public:
  Logger &addAppender(IAppender *appender) { return *this; }
};

Logger &init(Severity maxSeverity, IAppender *appender);

// What PLOG(severity) yields: a stream that takes anything, std::endl included.
class LogStream {
public:
  explicit LogStream(Severity severity) {}
  template <typename T> LogStream &operator<<(const T &value) { return *this; }
  LogStream &operator<<(std::ostream &(*manip)(std::ostream &)) { return *this; }
};

} // namespace plog

#define PLOG_NSTR(x) x
#define PLOG(severity) plog::LogStream(severity)
