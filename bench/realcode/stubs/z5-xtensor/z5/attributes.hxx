// Parse-only stand-in for z5's <z5/attributes.hxx>; the listed files include
// it but use nothing from it. Declarations only; nothing runs.
#pragma once
#include "z5/filesystem/handle.hxx"
