// torch-tidy real-code benchmark: parse-only stand-in for the tqdm-cpp
// header the project vendors as a git submodule (tqdm::range).
#pragma once
#include <vector>
namespace tqdm {
template <class T> std::vector<T> range(T a, T b) {
  std::vector<T> v;
  for (T i = a; i < b; ++i) v.push_back(i);
  return v;
}
}  // namespace tqdm
