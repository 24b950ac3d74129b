// Parse-only stand-in for z5's <z5/dataset.hxx> (chunked zarr/n5 dataset).
// Declarations only; nothing runs.
#pragma once
#include "z5/types/types.hxx"

namespace z5 {
class Dataset {
public:
  virtual ~Dataset() = default;
  void writeChunk(const types::ShapeType &chunkIndex, const void *dataIn,
                  bool isVarlen = false, std::size_t varSize = 0) const;
  void readChunk(const types::ShapeType &chunkIndex, void *dataOut) const;
  const types::ShapeType &shape() const;
  const types::ShapeType &defaultChunkShape() const;
};
} // namespace z5
