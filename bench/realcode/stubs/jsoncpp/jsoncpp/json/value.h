// torch-tidy real-code benchmark: parse-only stand-in for jsoncpp
// (<jsoncpp/json/value.h>): the names the listed files use, declared only.
#pragma once
#include <string>
#include <vector>
namespace Json {
class Value {
public:
  Value();
  Value(bool B);
  unsigned size() const;
  std::vector<std::string> getMemberNames() const;
  Value &operator[](const char *Key);
  const Value &operator[](const char *Key) const;
  const char *asCString() const;
};
} // namespace Json
