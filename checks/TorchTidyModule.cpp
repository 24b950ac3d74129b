// The torch-tidy module: registers every check. Both the torch-tidy CLI and
// the clang-tidy plugin link this file; keep the list alphabetical (a test
// checks it).
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

#include "BackwardWithoutGradCheck.h"
#include "InferenceTensorEscapeCheck.h"
#include "InplaceOnLeafCheck.h"
#include "InplaceOnSavedCheck.h"
#include "MissingEvalCheck.h"
#include "MissingGradGuardCheck.h"
#include "TrainModeNotRestoredCheck.h"
#include "UnnamedGuardCheck.h"

namespace clang::tidy::torch_tidy {

class TorchTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BackwardWithoutGradCheck>(
        "torch-backward-without-grad");
    Factories.registerCheck<InferenceTensorEscapeCheck>(
        "torch-inference-tensor-escape");
    Factories.registerCheck<InplaceOnLeafCheck>("torch-inplace-on-leaf");
    Factories.registerCheck<InplaceOnSavedCheck>("torch-inplace-on-saved");
    Factories.registerCheck<MissingEvalCheck>("torch-missing-eval");
    Factories.registerCheck<MissingGradGuardCheck>("torch-missing-grad-guard");
    Factories.registerCheck<TrainModeNotRestoredCheck>(
        "torch-train-mode-not-restored");
    Factories.registerCheck<UnnamedGuardCheck>("torch-unnamed-guard");
  }
};

} // namespace clang::tidy::torch_tidy

namespace clang::tidy {
// Registered under a name of its own; clang-tidy enumerates the registry.
static ClangTidyModuleRegistry::Add<torch_tidy::TorchTidyModule>
    TorchTidyModuleRegistration("torch-tidy-module",
                                "Checks for LibTorch inference and autograd "
                                "hazards.");
// Referenced by the tool so that the linker keeps this object file.
volatile int TorchTidyModuleAnchorSource = 0;
} // namespace clang::tidy
