// Parse-only stand-in for the MSVC CRT's <io.h> (directory listing), for
// Windows-only samples linted on Linux. Declarations only; nothing runs.
#pragma once
#include <cstdint>
struct _finddata_t {
  unsigned attrib;
  long long time_create, time_access, time_write;
  unsigned long size;
  char name[260];
};
#define _A_NORMAL 0x00
#define _A_RDONLY 0x01
#define _A_HIDDEN 0x02
#define _A_SYSTEM 0x04
#define _A_SUBDIR 0x10
#define _A_ARCH 0x20
intptr_t _findfirst(const char *filespec, struct _finddata_t *fileinfo);
int _findnext(intptr_t handle, struct _finddata_t *fileinfo);
int _findclose(intptr_t handle);
int _access(const char *path, int mode);
