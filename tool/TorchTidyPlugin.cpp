// The clang-tidy plugin: `clang-tidy --load=<this .so> --checks=-*,torch-*`.
// The checks' object files (including TorchTidyModule.cpp, whose static
// registration adds the torch-* checks to clang-tidy's module registry) are
// linked in; clang-tidy's own symbols come from the loading executable.
namespace clang::tidy {
extern volatile int TorchTidyModuleAnchorSource;
// Keeps the module's object file in the plugin.
[[maybe_unused]] static int TorchTidyPluginAnchor = TorchTidyModuleAnchorSource;
} // namespace clang::tidy
