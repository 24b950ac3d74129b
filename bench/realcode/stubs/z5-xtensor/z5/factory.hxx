// Parse-only stand-in for z5's <z5/factory.hxx> (open or create a dataset).
// Declarations only; nothing runs.
#pragma once
#include "z5/dataset.hxx"
#include "z5/filesystem/handle.hxx"
#include <memory>
#include <string>

namespace z5 {
std::unique_ptr<Dataset> openDataset(const filesystem::handle::File &root,
                                     const std::string &key);
std::unique_ptr<Dataset> createDataset(
    const filesystem::handle::File &root, const std::string &key,
    const std::string &dtype, const types::ShapeType &shape,
    const types::ShapeType &chunkShape, const std::string &compressor = "raw",
    const types::CompressionOptions &options = {}, double fillValue = 0);
} // namespace z5
