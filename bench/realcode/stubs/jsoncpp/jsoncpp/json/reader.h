// torch-tidy real-code benchmark: parse-only stand-in for jsoncpp (<jsoncpp/json/reader.h>);
// the listed files include it but use no Json:: names.
#pragma once
namespace Json {}
