// The abstract state of the autograd flow analysis (AutogradFlow.h) at one
// program point of a function.
//
// Tensors are abstracted by *version objects*: one per place a tensor with a
// version counter of its own is created (a factory, a functional op, a
// parameter), split in two by recency: the tensor the place made last and
// every earlier one (so a loop that makes a fresh tensor each iteration does
// not confuse this iteration's tensor with the last one's). Views, copies of
// the handle and references share their base's objects, as they share its
// version counter.
//
// A *site* is a recording op (or a call of a helper that records one) that
// saved a tensor for backward. A tensor's history is the set of sites in
// its autograd graph: backward() from it unpacks exactly those saves.
#pragma once

#include <map>
#include <set>
#include <utility>

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy::autograd {

using ObjId = unsigned;
using SiteId = unsigned;
using EventId = unsigned;

enum class Tri : unsigned char { No, Yes, Maybe };

inline Tri join(Tri A, Tri B) { return A == B ? A : Tri::Maybe; }

// Sorted, duplicate-free small sets.
template <typename T> using IdSet = llvm::SmallVector<T, 2>;
template <typename T> void insertId(IdSet<T> &S, T V) {
  auto It = std::lower_bound(S.begin(), S.end(), V);
  if (It == S.end() || *It != V)
    S.insert(It, V);
}
template <typename T> void unionInto(IdSet<T> &S, const IdSet<T> &Other) {
  for (T V : Other)
    insertId(S, V);
}
template <typename T> bool containsId(const IdSet<T> &S, T V) {
  return std::binary_search(S.begin(), S.end(), V);
}

struct Value {
  IdSet<ObjId> Objs;
  // May this tensor require grad? No with a guard: it was computed while
  // that guard disabled gradients.
  Tri Grad = Tri::Maybe;
  const VarDecl *NoGradGuard = nullptr;
  // Is it an inference tensor? Yes with the InferenceMode guard it was
  // created under.
  Tri Inference = Tri::No;
  const VarDecl *InferenceGuard = nullptr;
  IdSet<SiteId> History;

  bool operator==(const Value &O) const {
    return Objs == O.Objs && Grad == O.Grad && NoGradGuard == O.NoGradGuard &&
           Inference == O.Inference && InferenceGuard == O.InferenceGuard &&
           History == O.History;
  }
  bool operator!=(const Value &O) const { return !(*this == O); }

  void joinWith(const Value &O) {
    unionInto(Objs, O.Objs);
    unionInto(History, O.History);
    if (Grad != O.Grad || NoGradGuard != O.NoGradGuard) {
      if (Grad == Tri::No && O.Grad == Tri::No) {
        NoGradGuard = NoGradGuard ? NoGradGuard : O.NoGradGuard;
      } else {
        Grad = join(Grad, O.Grad);
        NoGradGuard = nullptr;
      }
    }
    if (Inference != O.Inference || InferenceGuard != O.InferenceGuard) {
      Inference = (Inference == Tri::Yes && O.Inference == Tri::Yes)
                      ? Tri::Yes
                      : join(Inference, O.Inference);
      if (Inference != Tri::Yes)
        InferenceGuard = nullptr;
    }
  }
};

using SaveKey = std::pair<SiteId, ObjId>;

struct State {
  bool Reached = false;
  std::map<const VarDecl *, Value> Env;
  std::set<SaveKey> Pending;                  // saves not yet unpacked
  std::map<SaveKey, std::set<EventId>> Dirty; // ... modified in place by
  std::map<const void *, Value> Cache;        // CFG element values
  // Objects allocated on some path to here (Transfer::alloc): only those
  // can be named by the state, so only their re-allocation renames.
  std::set<ObjId> Allocated;

  bool operator==(const State &O) const {
    return Reached == O.Reached && Env == O.Env && Pending == O.Pending &&
           Dirty == O.Dirty && Cache == O.Cache && Allocated == O.Allocated;
  }

  void joinWith(const State &O) {
    if (!O.Reached)
      return;
    if (!Reached) {
      *this = O;
      return;
    }
    for (const auto &[Var, V] : O.Env) {
      auto [It, New] = Env.emplace(Var, V);
      if (!New)
        It->second.joinWith(V);
    }
    Pending.insert(O.Pending.begin(), O.Pending.end());
    for (const auto &[Key, Events] : O.Dirty)
      Dirty[Key].insert(Events.begin(), Events.end());
    for (const auto &[E, V] : O.Cache) {
      auto [It, New] = Cache.emplace(E, V);
      if (!New)
        It->second.joinWith(V);
    }
    Allocated.insert(O.Allocated.begin(), O.Allocated.end());
  }

  // Every tensor made at a place is now an earlier one.
  void renameObj(ObjId From, ObjId To) {
    auto Rename = [&](IdSet<ObjId> &S) {
      if (!containsId(S, From))
        return;
      S.erase(std::lower_bound(S.begin(), S.end(), From));
      insertId(S, To);
    };
    for (auto &[Var, V] : Env)
      Rename(V.Objs);
    for (auto &[E, V] : Cache)
      Rename(V.Objs);
    // Only the keys naming `From` move (most allocations rename nothing
    // that was saved, so the sets are not rebuilt).
    for (auto It = Pending.begin(); It != Pending.end();) {
      if (It->second != From) {
        ++It;
        continue;
      }
      const SaveKey Moved{It->first, To};
      It = Pending.erase(It);
      Pending.insert(Moved);
    }
    for (auto It = Dirty.begin(); It != Dirty.end();) {
      if (It->first.second != From) {
        ++It;
        continue;
      }
      const SaveKey Moved{It->first.first, To};
      std::set<EventId> Events = std::move(It->second);
      It = Dirty.erase(It);
      Dirty[Moved].insert(Events.begin(), Events.end());
    }
  }
};

} // namespace clang::tidy::torch_tidy::autograd
