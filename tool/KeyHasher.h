// A BLAKE3 hash of a list of fields, each prefixed by its length, so that no
// two different lists hash the same bytes: the keys of the result cache and
// of the shared preambles.
#pragma once

#include <cstdint>
#include <string>

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"

namespace clang::tidy::torch_tidy {

class KeyHasher {
public:
  KeyHasher &add(llvm::StringRef Field) {
    const uint64_t Size = Field.size();
    Hasher.update(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(&Size), sizeof Size));
    Hasher.update(Field);
    return *this;
  }
  // 128 bits, as 32 hexadecimal digits.
  std::string hex() {
    const llvm::BLAKE3Result<16> Digest = Hasher.final<16>();
    return llvm::toHex(Digest, /*LowerCase=*/true);
  }

private:
  llvm::BLAKE3 Hasher;
};

} // namespace clang::tidy::torch_tidy
