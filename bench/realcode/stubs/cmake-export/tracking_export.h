// Parse-only stand-in for the header CMake's GENERATE_EXPORT_HEADER(tracking) writes into the build tree.
#ifndef TRACKING_EXPORT_H
#define TRACKING_EXPORT_H
#define TRACKING_EXPORT
#define TRACKING_NO_EXPORT
#endif
