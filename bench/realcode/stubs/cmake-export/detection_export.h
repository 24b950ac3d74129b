// Parse-only stand-in for the header CMake's GENERATE_EXPORT_HEADER(detection) writes into the build tree.
#ifndef DETECTION_EXPORT_H
#define DETECTION_EXPORT_H
#define DETECTION_EXPORT
#define DETECTION_NO_EXPORT
#endif
