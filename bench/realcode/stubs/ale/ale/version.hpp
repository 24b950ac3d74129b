// torch-tidy real-code benchmark: a stand-in for the Arcade Learning Environment's
// <ale/version.hpp>; the listed files include it but use none of its version macros.
#pragma once

#define ALE_VERSION_MAJOR 0
#define ALE_VERSION_MINOR 11
#define ALE_VERSION_PATCH 1
#define ALE_VERSION "0.11.1"
