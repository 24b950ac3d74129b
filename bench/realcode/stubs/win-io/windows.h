// torch-tidy real-code benchmark: a stand-in for the Windows SDK's
// <windows.h>, declaring just what the listed files use.
#pragma once

int SetConsoleTitle(const char *title);
