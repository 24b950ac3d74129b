// A broken module for registration-order.test's self-test of the script.
#include "UnnamedGuardCheck.h"
#include "MissingEvalCheck.h"

class TorchTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // Factories.registerCheck<CommentedOutCheck>("torch-commented-out");
    Factories.registerCheck<UnnamedGuardCheck>("torch-unnamed-guard");
    Factories.registerCheck<MissingEvalCheck>(
        "torch-missing-eval");
    Factories.registerCheck<WrongClassCheck>("torch-wrong-name");
  }
};
