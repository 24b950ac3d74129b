#pragma once

#include "utils/HardWiredDropout.h"
#include "utils/InferenceCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::torch_tidy {

/// Finds inference calls on models with mode-dependent layers (Dropout,
/// BatchNorm) that may still be in training mode: no `eval()` or
/// `train(false)` on the model, or on a module owning it, precedes the call;
/// and models whose dropout is hard-wired to training, which no `eval()`
/// turns off.
class MissingEvalCheck : public InferenceCheck {
public:
  MissingEvalCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  // Reports a model whose dropout ignores its mode; false when it has none.
  bool diagHardWiredDropout(const InferenceSite &S);
  // With -p: the classes whose member functions in this file run
  // hard-wired dropout, and the findings other files' code decides.
  void recordDropouts(project::FactsRecorder &Recorder);
  void recordUnregistered(project::FactsRecorder &Recorder);
  void pendUnregistered(const InferenceSite &S,
                        project::FactsRecorder &Recorder);
  // A finding at S that stands if one of `Classes` (code in other files)
  // has the fact `When` asks for; reported now with `Message`.
  void pendOnClasses(const InferenceSite &S, project::FactsRecorder &Recorder,
                     llvm::ArrayRef<const CXXRecordDecl *> Classes,
                     project::Condition When, llvm::StringRef Message);
  void pendHardWiredDropout(const InferenceSite &S,
                            project::FactsRecorder &Recorder);
  // A TorchScript module in eval mode: with -p, its export script may have
  // traced it in training mode, which eval() cannot undo.
  void pendTracedInTraining(const InferenceSite &S,
                            project::FactsRecorder &Recorder);
  // `true` -> `is_training()`, or `.training(is_training())` appended to
  // the options, where that is safe.
  static std::optional<FixItHint> followModeFix(ASTContext &Ctx,
                                                const HardWiredDropout &Drop);

  const bool WarnScriptModules; // option ScriptModules: warn|ignore
  // Dropout calls given a fix-it already (one per call, however many
  // inference sites run it).
  llvm::SmallPtrSet<const Expr *, 4> FixedDropout;
};

} // namespace clang::tidy::torch_tidy
