// torch-tidy real-code benchmark: parse-only stand-in for jsoncpp
// (<jsoncpp/json/reader.h>): the names the listed files use, declared only.
#pragma once
#include <istream>
#include <string>
#include "value.h"
namespace Json {
class CharReaderBuilder {
public:
  Value &operator[](const std::string &Key);
};
bool parseFromStream(const CharReaderBuilder &Builder, std::istream &In,
                     Value *Root, std::string *Errors);
} // namespace Json
