#pragma once

#include "utils/AutogradCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds in-place modifications of a tensor after an autograd-recording op
/// saved it for backward and before a backward() that needs it: backward()
/// then throws "one of the variables needed for gradient computation has been
/// modified by an inplace operation".
// The tensor is followed through its views, copies of its handle and
// references, and the backward is one that unpacks that save.
class InplaceOnSavedCheck : public AutogradCheck {
public:
  InplaceOnSavedCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  void report(ASTContext &Ctx, const AutogradFindings &Findings) override;

private:
  std::string UnknownOps;
};

} // namespace clang::tidy::torch_tidy
