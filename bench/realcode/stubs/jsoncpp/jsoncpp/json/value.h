// torch-tidy real-code benchmark: parse-only stand-in for jsoncpp (<jsoncpp/json/value.h>);
// the listed files include it but use no Json:: names.
#pragma once
namespace Json {}
