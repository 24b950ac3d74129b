// What a project's Python scripts say about the TorchScript files they
// export: the facts torch-missing-eval needs for a module loaded with
// torch::jit::load, whose layers and saved mode C++ cannot see.
//
// A script exports a module with torch.jit.trace or torch.jit.script and
// saves it (`m.save("net.pt")`, `torch.jit.save(m, path)`). The loaded
// module runs in the mode it was saved in, so eval() in C++ is needed only
// when the model was in training mode at export and holds layers that
// depend on the mode. The export needs no eval() when the script put the
// model in eval mode first (`model.eval()`, `model.train(False)`,
// `torch.jit.trace(model.eval(), x)`), froze the result
// (torch.jit.freeze refuses a module in training mode), or built it from a
// class of the same file whose layers, and its bases' and parts', behave
// the same in both modes (Conv, Linear, activations, LayerNorm, pooling:
// no Dropout, BatchNorm, InstanceNorm, recurrent layers or `training`
// test). Anything the script does not show (a torchvision model, a class
// imported from elsewhere) is assumed to depend on the mode.
//
// The scan is lexical, on logical lines (comments dropped, bracketed
// continuations joined); it reads no Python semantics beyond that.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::torch_tidy::project {

struct ScriptExport {
  std::string File; // the script
  unsigned Offset = 0;
  unsigned Line = 0; // 1-based, of the trace/script call
  // The file names it is saved under (last path component), as far as the
  // script spells them; empty when it does not.
  std::vector<std::string> SavedNames;
  // Whether the model was in training mode at export and may hold layers
  // that depend on it: a module loaded from it needs eval().
  bool NeedsEval = true;
  bool Traced = false; // torch.jit.trace (the mode is baked into the graph)
};

// The exports of one script.
std::vector<ScriptExport> scanExportScript(llvm::StringRef File,
                                           llvm::StringRef Text);

// The exports of every Python script under `Root` (hidden directories,
// build trees and virtual environments skipped; at most a few thousand
// scripts, each read only when it mentions torch.jit).
std::vector<ScriptExport> findExportScripts(llvm::StringRef Root);

// The directory whose scripts a run's TorchScript loads are checked against:
// the deepest directory holding every linted file and the working directory
// (the project's root when torch-tidy runs from it), or the files' own
// when that would be the file system's root. Empty when there are no files.
std::string exportScriptRoot(llvm::ArrayRef<std::string> Files,
                             llvm::StringRef WorkingDirectory);

// Whether the string literal `Path` (from a torch::jit::load argument)
// names a file (its last component has an extension), and whether it names
// the file `Name` saves.
bool namesAFile(llvm::StringRef Path);
bool namesSavedFile(llvm::StringRef Path, llvm::StringRef Name);

} // namespace clang::tidy::torch_tidy::project
