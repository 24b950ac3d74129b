// Calls on models: forward passes, mode switches (eval/train), and how a
// model expression names its model.
//
// A *model reference* is the chain of declarations an expression goes
// through: `model` -> [model]; `this->net_->encoder` -> [net_, encoder];
// `model.get()->forward` and `(*model).forward` -> [model]. Two references
// designate the same model when their chains are equal; a mode switch on a
// prefix (`net_->eval()`) also switches the longer chain (`net_->encoder`),
// as Module::train() recurses into registered children.
//
// A *forward call* is `m->forward(x)`, `m(x)` (ModuleHolder::operator()),
// `m.forward({...})` / `m({...})` / `m.run_method("forward", ...)` on a
// torch::jit::Module, `m.forward(x)` on a torch::nn::AnyModule, on a model
// reference; or a module's member function
// calling its own `forward(x)` (`this->forward(x)`), whose model reference
// is empty: the object itself, as for a mode call on `this`.
#pragma once

#include <optional>

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy {

struct ModelRef {
  llvm::SmallVector<const ValueDecl *, 4> Chain;
  const Expr *Spelling = nullptr; // the expression as written

  bool empty() const { return Chain.empty(); }
  // The declaration the chain starts at; none for the object itself.
  const ValueDecl *root() const {
    return Chain.empty() ? nullptr : Chain.front();
  }
  // Whether a mode switch on `this` also switches `Other`.
  bool covers(const ModelRef &Other) const;
  bool operator==(const ModelRef &Other) const { return Chain == Other.Chain; }
};

// The model reference of an object expression, if it is one.
std::optional<ModelRef> modelRefOf(const Expr *Object);

struct ForwardCall {
  const Expr *Call = nullptr;
  ModelRef Model;
  const CXXRecordDecl *ModelClass = nullptr;
  bool IsScript = false;
  // A call in a template's pattern whose arguments are dependent
  // (dependentForwardCallee): the code around it is only partly typed.
  bool Dependent = false;
};

std::optional<ForwardCall> asForwardCall(const Expr *E);

// In a template's pattern, a call of a model's `forward` whose arguments
// depend on the template's parameters (`model->forward(batch.data)` in a
// loop over a dependent data loader) is a plain CallExpr of dependent type:
// its callee, when the object's type does not depend on them and the
// member named is a model class's `forward`; else null.
const MemberExpr *dependentForwardCallee(const Expr *E);

// The module a member was set to in its class's constructors, when the
// member shares that module's object: a copy of another module handle, or
// a TorchScript submodule read from one (`encoder_ =
// model_.attr("encoder").toModule()`): a mode set on the source reaches it.
std::optional<ModelRef> sharedModuleSource(ASTContext &Ctx, const FieldDecl *F);

// A model whose reference starts at a local initialised by an explicit cast
// from something that is not a model (`static_cast<Module *>(handle)` with a
// `void *handle` of a C interface): where it was created and switched to a
// mode cannot be followed through the cast.
bool reachedThroughOpaqueHandle(const ModelRef &Model);

enum class ModeChange { Eval, Train, Unknown };

struct ModeCall {
  const CXXMemberCallExpr *Call = nullptr;
  ModelRef Model;
  ModeChange Change = ModeChange::Unknown;
};

// `m->eval()`, `m->train()`, `m->train(false)`, `m->train(flag)`.
std::optional<ModeCall> asModeCall(ASTContext &Ctx, const CXXMemberCallExpr *E);

// A call that uses the results of a forward pass for training:
// `t.backward()`, `torch::autograd::grad(...)`, `optimizer.step()`.
bool isTrainingCall(const CallExpr *E);

// In a template's pattern, a call whose callee depends on the template's
// parameters and is named as a training call (`loss.backward()` on a
// dependent `loss`, `grad(...)` found by argument-dependent lookup): it
// may be one once instantiated.
bool mayBeTrainingCall(const CallExpr *E);

// A call that loads a model: `torch::jit::load(...)` (returns it) or
// `torch::load(model, path)` (fills it); returns the loaded model's
// reference for the latter.
bool isJitLoad(const CallExpr *E);
std::optional<ModelRef> torchLoadTarget(const CallExpr *E);

} // namespace clang::tidy::torch_tidy
