// The runtime's serialization: a header line, then per tensor its name,
// dtype, sizes and raw contiguous data.
#include <c10/core/GradMode.h>
#include <c10/util/Exception.h>
#include <torch/serialize.h>

#include <cstdint>
#include <fstream>

#include "kernels.h"

namespace torch {
namespace serialize {

namespace {

constexpr const char* kMagic = "torch-tidy-runtime-archive-v1";

void write_tensor(std::ofstream& out, const std::string& name,
                  const at::Tensor& t) {
  at::Tensor c = torch_tidy::rt::raw_contiguous(t);
  const int64_t dims = c.dim();
  const int8_t dtype = static_cast<int8_t>(c.scalar_type());
  const uint64_t name_len = name.size();
  out.write(reinterpret_cast<const char*>(&name_len), sizeof name_len);
  out.write(name.data(), static_cast<std::streamsize>(name.size()));
  out.write(reinterpret_cast<const char*>(&dtype), sizeof dtype);
  out.write(reinterpret_cast<const char*>(&dims), sizeof dims);
  for (int64_t d = 0; d < dims; ++d) {
    const int64_t s = c.size(d);
    out.write(reinterpret_cast<const char*>(&s), sizeof s);
  }
  out.write(static_cast<const char*>(c.data_ptr()),
            static_cast<std::streamsize>(c.numel() * c.element_size()));
}

at::Tensor read_tensor(std::ifstream& in, std::string* name) {
  uint64_t name_len = 0;
  in.read(reinterpret_cast<char*>(&name_len), sizeof name_len);
  TORCH_CHECK(in && name_len < (1u << 20), "corrupt archive");
  name->resize(name_len);
  in.read(&(*name)[0], static_cast<std::streamsize>(name_len));
  int8_t dtype = 0;
  int64_t dims = 0;
  in.read(reinterpret_cast<char*>(&dtype), sizeof dtype);
  in.read(reinterpret_cast<char*>(&dims), sizeof dims);
  TORCH_CHECK(in && dims >= 0 && dims <= 8 && dtype >= 0 && dtype <= 3,
              "corrupt archive");
  std::vector<int64_t> sizes(static_cast<size_t>(dims));
  for (auto& s : sizes) in.read(reinterpret_cast<char*>(&s), sizeof s);
  at::Tensor t =
      torch_tidy::rt::make_tensor(sizes, static_cast<at::ScalarType>(dtype));
  in.read(static_cast<char*>(t.data_ptr()),
          static_cast<std::streamsize>(t.numel() * t.element_size()));
  TORCH_CHECK(in, "corrupt archive: truncated tensor data");
  return t;
}

std::ofstream open_out(const std::string& path, uint64_t count) {
  std::ofstream out(path, std::ios::binary);
  TORCH_CHECK(out,
              "open file failed because of errno 2 on fopen: No such file or "
              "directory, file path: ",
              path);
  out << kMagic << '\n';
  out.write(reinterpret_cast<const char*>(&count), sizeof count);
  return out;
}

std::ifstream open_in(const std::string& path, uint64_t* count) {
  std::ifstream in(path, std::ios::binary);
  TORCH_CHECK(in,
              "open file failed because of errno 2 on fopen: No such file or "
              "directory, file path: ",
              path);
  std::string magic;
  std::getline(in, magic);
  TORCH_CHECK(magic == kMagic, "not a torch-tidy runtime archive: ", path);
  in.read(reinterpret_cast<char*>(count), sizeof *count);
  return in;
}

}  // namespace

void save_module(const nn::Module& module, const std::string& path) {
  auto params = module.named_parameters();
  auto buffers = module.named_buffers();
  std::ofstream out = open_out(path, params.size() + buffers.size());
  for (const auto& item : params) write_tensor(out, item.key(), item.value());
  for (const auto& item : buffers) write_tensor(out, item.key(), item.value());
}

void load_module(nn::Module& module, const std::string& path) {
  uint64_t count = 0;
  std::ifstream in = open_in(path, &count);
  auto params = module.named_parameters();
  auto buffers = module.named_buffers();
  c10::NoGradGuard no_grad;
  for (uint64_t i = 0; i < count; ++i) {
    std::string name;
    at::Tensor value = read_tensor(in, &name);
    at::Tensor* target = params.find(name);
    if (!target) target = buffers.find(name);
    TORCH_CHECK(target, "No such serialized tensor '", name, "'");
    TORCH_CHECK(target->sizes() == value.sizes(), "size mismatch for ", name);
    target->copy_(value);
  }
}

void save_tensor(const at::Tensor& tensor, const std::string& path) {
  std::ofstream out = open_out(path, 1);
  write_tensor(out, "tensor", tensor);
}

at::Tensor load_tensor(const std::string& path) {
  uint64_t count = 0;
  std::ifstream in = open_in(path, &count);
  std::string name;
  return read_tensor(in, &name);
}

}  // namespace serialize
}  // namespace torch
