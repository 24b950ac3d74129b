// torch::OrderedDict<Key, Value>: a map that remembers insertion order, as
// LibTorch's. Module keeps its parameters, buffers and children in these, and
// named_parameters() returns one, so user code iterates items with .key() and
// .value() and looks values up with operator[](key).
#pragma once

#include <c10/util/Exception.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace torch {

template <typename Key, typename Value>
class OrderedDict {
 public:
  // One entry. LibTorch's Item also dereferences to its value (`*item`).
  class Item {
   public:
    Item(Key key, Value value) : pair_(std::move(key), std::move(value)) {}
    const Key& key() const noexcept { return pair_.first; }
    Value& value() noexcept { return pair_.second; }
    const Value& value() const noexcept { return pair_.second; }
    Value& operator*() { return value(); }
    const Value& operator*() const { return value(); }
    Value* operator->() { return &value(); }
    const Value* operator->() const { return &value(); }
    const std::pair<Key, Value>& pair() const noexcept { return pair_; }

   private:
    std::pair<Key, Value> pair_;
  };

  using Iterator = typename std::vector<Item>::iterator;
  using ConstIterator = typename std::vector<Item>::const_iterator;

  // The description names the keys in error messages ("Parameter 'w' is not
  // defined"), which is why Module passes "Parameter", "Buffer", "Submodule".
  explicit OrderedDict(std::string key_description = "Key")
      : key_description_(std::move(key_description)) {}
  OrderedDict(std::initializer_list<Item> items) {
    for (const Item& item : items) insert(item.key(), item.value());
  }

  const std::string& key_description() const noexcept {
    return key_description_;
  }

  // --- lookup
  // -----------------------------------------------------------------
  Item& operator[](std::size_t index) {
    TORCH_CHECK(index < items_.size(), "Index ", index, " is out of bounds");
    return items_[index];
  }
  const Item& operator[](std::size_t index) const {
    TORCH_CHECK(index < items_.size(), "Index ", index, " is out of bounds");
    return items_[index];
  }
  Value& operator[](const Key& key) {
    if (Value* v = find(key)) return *v;
    TORCH_CHECK(false, key_description_, " '", key, "' is not defined");
    throw;  // unreachable: TORCH_CHECK(false) throws
  }
  const Value& operator[](const Key& key) const {
    if (const Value* v = find(key)) return *v;
    TORCH_CHECK(false, key_description_, " '", key, "' is not defined");
    throw;  // unreachable
  }
  Value* find(const Key& key) noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  const Value* find(const Key& key) const noexcept {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &items_[it->second].value();
  }
  bool contains(const Key& key) const noexcept { return find(key) != nullptr; }
  Item& front() {
    TORCH_CHECK(!items_.empty(), "Called front() on an empty OrderedDict");
    return items_.front();
  }
  const Item& front() const {
    TORCH_CHECK(!items_.empty(), "Called front() on an empty OrderedDict");
    return items_.front();
  }
  Item& back() {
    TORCH_CHECK(!items_.empty(), "Called back() on an empty OrderedDict");
    return items_.back();
  }
  const Item& back() const {
    TORCH_CHECK(!items_.empty(), "Called back() on an empty OrderedDict");
    return items_.back();
  }

  // --- iteration (insertion order)
  // ---------------------------------------------
  Iterator begin() { return items_.begin(); }
  ConstIterator begin() const { return items_.begin(); }
  Iterator end() { return items_.end(); }
  ConstIterator end() const { return items_.end(); }
  std::size_t size() const noexcept { return items_.size(); }
  bool is_empty() const noexcept { return items_.empty(); }
  const std::vector<Item>& items() const noexcept { return items_; }
  std::vector<Key> keys() const {
    std::vector<Key> out;
    out.reserve(items_.size());
    for (const Item& item : items_) out.push_back(item.key());
    return out;
  }
  std::vector<Value> values() const {
    std::vector<Value> out;
    out.reserve(items_.size());
    for (const Item& item : items_) out.push_back(item.value());
    return out;
  }
  std::vector<std::pair<Key, Value>> pairs() const {
    std::vector<std::pair<Key, Value>> out;
    out.reserve(items_.size());
    for (const Item& item : items_) out.push_back(item.pair());
    return out;
  }

  // --- mutation
  // --------------------------------------------------------------- Duplicate
  // keys are an error, as in LibTorch: registering "fc" twice throws.
  template <typename K, typename V>
  Value& insert(K&& key, V&& value) {
    TORCH_CHECK(index_.count(key) == 0, key_description_, " '", key,
                "' already defined");
    items_.emplace_back(key, std::forward<V>(value));
    index_.emplace(std::forward<K>(key), items_.size() - 1);
    return items_.back().value();
  }
  Value& insert(Key key, Value&& value) {
    return insert<Key, Value>(std::move(key), std::move(value));
  }
  void update(const OrderedDict& other) {
    for (const Item& item : other) insert(item.key(), item.value());
  }
  void erase(const Key& key) {
    auto it = index_.find(key);
    TORCH_CHECK(it != index_.end(), "Key '", key, "' doesn't exist");
    const std::size_t index = it->second;
    index_.erase(it);
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(index));
    for (auto& entry : index_)
      if (entry.second > index) --entry.second;
  }
  void clear() {
    index_.clear();
    items_.clear();
  }
  void reserve(std::size_t capacity) {
    index_.reserve(capacity);
    items_.reserve(capacity);
  }

 private:
  std::unordered_map<Key, std::size_t> index_;
  std::vector<Item> items_;
  std::string key_description_{"Key"};
};

}  // namespace torch
