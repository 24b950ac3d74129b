// Parse-only stand-in for z5's <z5/filesystem/handle.hxx> (file and dataset
// handles on disk). Declarations only; nothing runs.
#pragma once
#include <string>

namespace z5::filesystem::handle {
class File {
public:
  explicit File(const std::string &path);
  bool exists() const;
  const std::string &path() const;
};

class Dataset {
public:
  Dataset(const File &file, const std::string &key);
  bool exists() const;
};
} // namespace z5::filesystem::handle
