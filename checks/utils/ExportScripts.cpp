#include "ExportScripts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <optional>

namespace clang::tidy::torch_tidy::project {
namespace {

// One logical line of a script: comments dropped, bracketed continuations
// and backslash continuations joined by a space.
struct Statement {
  std::string Text;
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Indent = 0;
};

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

// Skips the string literal starting at Text[I] (a quote); returns the index
// past it.
size_t skipString(llvm::StringRef Text, size_t I) {
  const char Quote = Text[I];
  const bool Triple = Text.substr(I, 3) == std::string(3, Quote);
  size_t J = I + (Triple ? 3 : 1);
  while (J < Text.size()) {
    if (Text[J] == '\\') {
      J += 2;
      continue;
    }
    if (Triple ? Text.substr(J, 3) == std::string(3, Quote) : Text[J] == Quote)
      return J + (Triple ? 3 : 1);
    if (!Triple && Text[J] == '\n')
      return J;
    ++J;
  }
  return Text.size();
}

std::vector<Statement> logicalLines(llvm::StringRef Text) {
  std::vector<Statement> Out;
  Statement Cur;
  bool AtLineStart = true;
  unsigned Line = 1, Depth = 0;
  auto Flush = [&] {
    if (!llvm::StringRef(Cur.Text).trim().empty())
      Out.push_back(std::move(Cur));
    Cur = Statement();
    AtLineStart = true;
  };
  for (size_t I = 0; I < Text.size();) {
    const char C = Text[I];
    if (AtLineStart) {
      if (C == ' ' || C == '\t') {
        ++Cur.Indent;
        ++I;
        continue;
      }
      AtLineStart = false;
      Cur.Offset = I;
      Cur.Line = Line;
    }
    if (C == '#') {
      while (I < Text.size() && Text[I] != '\n')
        ++I;
      continue;
    }
    if (C == '\'' || C == '"') {
      const size_t End = skipString(Text, I);
      const llvm::StringRef Lit = Text.slice(I, End);
      Line += Lit.count('\n');
      Cur.Text += Lit.str();
      I = End;
      continue;
    }
    if (C == '\\' && I + 1 < Text.size() && Text[I + 1] == '\n') {
      Cur.Text += ' ';
      ++Line;
      I += 2;
      continue;
    }
    if (C == '\n') {
      ++Line;
      ++I;
      if (Depth == 0)
        Flush();
      else
        Cur.Text += ' ';
      continue;
    }
    if (C == '(' || C == '[' || C == '{')
      ++Depth;
    if ((C == ')' || C == ']' || C == '}') && Depth > 0)
      --Depth;
    Cur.Text += C;
    ++I;
  }
  Flush();
  return Out;
}

// The contents of the string literals in `Text` whose text is known (an
// f-string with a replacement field is not).
std::vector<std::string> stringLiterals(llvm::StringRef Text) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < Text.size();) {
    const char C = Text[I];
    if (C != '\'' && C != '"') {
      ++I;
      continue;
    }
    size_t P = I;
    while (P > 0 && llvm::isAlpha(Text[P - 1]))
      --P;
    const bool Formatted = Text.slice(P, I).contains_insensitive("f");
    const size_t End = skipString(Text, I);
    const bool Triple = Text.substr(I, 3) == std::string(3, C);
    const size_t Quote = Triple ? 3 : 1;
    if (End >= I + 2 * Quote) {
      llvm::StringRef Body = Text.slice(I + Quote, End - Quote);
      if (!(Formatted && Body.contains('{')))
        Out.push_back(Body.str());
    }
    I = End;
  }
  return Out;
}

// The index that ends the call's argument list (its ')'), or with
// `FirstOnly` its first argument (a ',' outside brackets); `Open` is the
// index of its '('. The end of `Text` when it is not closed.
size_t argumentsEnd(llvm::StringRef Text, size_t Open, bool FirstOnly) {
  unsigned Depth = 0;
  for (size_t I = Open + 1; I < Text.size(); ++I) {
    const char C = Text[I];
    if (C == '\'' || C == '"') {
      I = skipString(Text, I) - 1;
      continue;
    }
    if (C == '(' || C == '[' || C == '{')
      ++Depth;
    else if ((C == ')' || C == ']' || C == '}') && Depth-- == 0)
      return I;
    else if (FirstOnly && C == ',' && Depth == 0)
      return I;
  }
  return Text.size();
}

// The text of the call's first argument.
llvm::StringRef firstArgument(llvm::StringRef Text, size_t Open) {
  return Text.slice(Open + 1, argumentsEnd(Text, Open, true)).trim();
}

// The text after the call's '(' up to its ')'.
llvm::StringRef callArguments(llvm::StringRef Text, size_t Open) {
  return Text.slice(Open + 1, argumentsEnd(Text, Open, false));
}

// `c` of a dotted name `a.b.c`.
llvm::StringRef lastComponent(llvm::StringRef Dotted) {
  return Dotted.rsplit('.').second.empty() ? Dotted : Dotted.rsplit('.').second;
}

llvm::StringRef leadingIdentifier(llvm::StringRef Text) {
  Text = Text.ltrim();
  size_t N = 0;
  while (N < Text.size() && isIdentChar(Text[N]))
    ++N;
  return Text.take_front(N);
}

// The module an argument names: `a.b.c` of `a.b.c`, `self.net` of
// `self.net.to(device)` (a component that is called is not part of it).
llvm::StringRef leadingModuleName(llvm::StringRef Text) {
  Text = Text.ltrim();
  size_t End = leadingIdentifier(Text).size();
  while (End < Text.size() && Text[End] == '.') {
    const size_t Next = leadingIdentifier(Text.drop_front(End + 1)).size();
    const size_t After = End + 1 + Next;
    if (Next == 0 || (After < Text.size() && Text[After] == '('))
      break;
    End = After;
  }
  return Text.take_front(End);
}

// `NAME = ...` (not `==`): NAME, and the right-hand side.
std::optional<std::pair<llvm::StringRef, llvm::StringRef>>
assignment(llvm::StringRef Text) {
  const llvm::StringRef Name = leadingIdentifier(Text);
  if (Name.empty())
    return std::nullopt;
  llvm::StringRef Rest = Text.ltrim().drop_front(Name.size()).ltrim();
  if (Rest.consume_front(":")) // an annotation: `m: Module = ...`
    Rest = Rest.drop_until([](char C) { return C == '='; });
  if (!Rest.starts_with("=") || Rest.starts_with("=="))
    return std::nullopt;
  return std::make_pair(Name, Rest.drop_front().trim());
}

// Index of `Word` in `Text` standing alone on the left (not the tail of a
// longer identifier or of a dotted name), from `From`.
size_t findName(llvm::StringRef Text, llvm::StringRef Word, size_t From = 0) {
  for (size_t I = Text.find(Word, From); I != llvm::StringRef::npos;
       I = Text.find(Word, I + 1)) {
    const bool Left =
        I == 0 || (!isIdentChar(Text[I - 1]) && Text[I - 1] != '.');
    const size_t End = I + Word.size();
    const bool Right = End >= Text.size() || !isIdentChar(Text[End]);
    if (Left && Right)
      return I;
  }
  return llvm::StringRef::npos;
}

// The calls that put a module in eval mode.
constexpr llvm::StringLiteral EvalCalls[] = {".eval()", ".train(False)",
                                             ".train(mode=False)"};

bool switchesToEval(llvm::StringRef Text) {
  return llvm::any_of(
      EvalCalls, [&](llvm::StringRef Call) { return Text.contains(Call); });
}

// Whether the statement puts `Name` in eval mode: `Name.eval()`,
// `Name.train(False)`, or `Name = ....eval()`.
bool evalsName(llvm::StringRef Text, llvm::StringRef Name) {
  if (auto A = assignment(Text); A && A->first == Name)
    return switchesToEval(A->second);
  for (size_t I = findName(Text, Name); I != llvm::StringRef::npos;
       I = findName(Text, Name, I + 1)) {
    const llvm::StringRef Rest = Text.drop_front(I + Name.size()).ltrim();
    if (llvm::any_of(EvalCalls, [&](llvm::StringRef Call) {
          return Rest.starts_with(Call);
        }))
      return true;
  }
  return false;
}

// Whether the statement puts module `Dotted` in eval mode, or a module that
// owns it: eval() reaches submodules (`net.eval()` for `net.module`).
bool evalsNameOrOwner(llvm::StringRef Text, llvm::StringRef Dotted) {
  for (llvm::StringRef Name = Dotted;;) {
    if (evalsName(Text, Name))
      return true;
    const auto [Owner, Last] = Name.rsplit('.');
    if (Last.empty())
      return false;
    Name = Owner;
  }
}

// The layers that behave the same in training and eval mode.
bool isModeIndependentLayer(llvm::StringRef Name) {
  static const llvm::StringSet<> Layers = {"Module",
                                           "Sequential",
                                           "ModuleList",
                                           "ModuleDict",
                                           "Parameter",
                                           "ParameterList",
                                           "Linear",
                                           "Bilinear",
                                           "Identity",
                                           "Conv1d",
                                           "Conv2d",
                                           "Conv3d",
                                           "ConvTranspose1d",
                                           "ConvTranspose2d",
                                           "ConvTranspose3d",
                                           "ReLU",
                                           "ReLU6",
                                           "LeakyReLU",
                                           "PReLU",
                                           "ELU",
                                           "SELU",
                                           "CELU",
                                           "GELU",
                                           "SiLU",
                                           "Mish",
                                           "Tanh",
                                           "Sigmoid",
                                           "Softmax",
                                           "LogSoftmax",
                                           "Softplus",
                                           "Hardtanh",
                                           "Hardswish",
                                           "Hardsigmoid",
                                           "LayerNorm",
                                           "GroupNorm",
                                           "Embedding",
                                           "EmbeddingBag",
                                           "MaxPool1d",
                                           "MaxPool2d",
                                           "MaxPool3d",
                                           "AvgPool1d",
                                           "AvgPool2d",
                                           "AvgPool3d",
                                           "AdaptiveAvgPool1d",
                                           "AdaptiveAvgPool2d",
                                           "AdaptiveAvgPool3d",
                                           "AdaptiveMaxPool1d",
                                           "AdaptiveMaxPool2d",
                                           "AdaptiveMaxPool3d",
                                           "Flatten",
                                           "Unflatten",
                                           "Upsample",
                                           "PixelShuffle",
                                           "ZeroPad2d",
                                           "ConstantPad1d",
                                           "ConstantPad2d",
                                           "ReflectionPad1d",
                                           "ReflectionPad2d",
                                           "ReplicationPad1d",
                                           "ReplicationPad2d"};
  return Layers.contains(Name);
}

// What the statements of a script say about its classes' layers.
class ScriptClasses {
public:
  explicit ScriptClasses(llvm::ArrayRef<Statement> Stmts) : Stmts(Stmts) {
    for (size_t I = 0; I < Stmts.size(); ++I) {
      llvm::StringRef T = llvm::StringRef(Stmts[I].Text).ltrim();
      if (T.consume_front("class ") || T.consume_front("def "))
        Blocks[leadingIdentifier(T)] = I;
    }
  }

  // Whether the class (or top-level function) `Name` of the script builds
  // only layers that behave the same in both modes.
  bool modeIndependent(llvm::StringRef Name) {
    auto It = Blocks.find(Name);
    if (It == Blocks.end())
      return false;
    // A block that refers to itself (or is being decided) is not known.
    auto [Known, New] = Decided.try_emplace(Name, false);
    if (!New)
      return Known->second;
    const bool Independent = blockIndependent(It->second);
    Decided[Name] = Independent;
    return Independent;
  }

private:
  bool blockIndependent(size_t Head) {
    if (!basesIndependent(Stmts[Head].Text))
      return false;
    size_t End = Head + 1;
    while (End < Stmts.size() && Stmts[End].Indent > Stmts[Head].Indent)
      ++End;
    const llvm::ArrayRef<Statement> Body =
        Stmts.slice(Head + 1, End - Head - 1);
    return !holdsOutsideModule(Body) &&
           llvm::all_of(Body, [&](const Statement &S) {
             return statementIndependent(S.Text);
           });
  }

  // Whether the block keeps something it was given (`self.m = m`) and
  // calls it or reads its members (`self.m(x)`, `self.m.run(x)`): a module
  // built elsewhere (a wrapper around a loaded or imported model), whose
  // layers the script does not show.
  static bool holdsOutsideModule(llvm::ArrayRef<Statement> Body) {
    for (const Statement &S : Body) {
      auto A = assignment(llvm::StringRef(S.Text).ltrim().starts_with("self.")
                              ? llvm::StringRef(S.Text).ltrim().drop_front(5)
                              : llvm::StringRef());
      if (!A || A->second.empty() ||
          !llvm::all_of(A->second,
                        [](char C) { return isIdentChar(C) || C == '.'; }) ||
          llvm::isDigit(A->second.front()) ||
          llvm::is_contained({"None", "True", "False"}, A->second))
        continue;
      const std::string Use = ("self." + A->first).str();
      for (const Statement &U : Body)
        for (size_t I = llvm::StringRef(U.Text).find(Use);
             I != llvm::StringRef::npos;
             I = llvm::StringRef(U.Text).find(Use, I + 1)) {
          const llvm::StringRef Rest =
              llvm::StringRef(U.Text).drop_front(I + Use.size());
          if (Rest.starts_with("(") ||
              (Rest.starts_with(".") && Rest.size() > 1 &&
               isIdentChar(Rest[1])))
            return true;
        }
    }
    return false;
  }

  bool basesIndependent(llvm::StringRef Head) {
    if (!Head.ltrim().starts_with("class "))
      return true;
    const size_t Open = Head.find('(');
    if (Open == llvm::StringRef::npos)
      return true;
    llvm::SmallVector<llvm::StringRef, 4> Bases;
    callArguments(Head, Open).split(Bases, ',', -1, false);
    return llvm::all_of(Bases, [&](llvm::StringRef Base) {
      const llvm::StringRef Name = lastComponent(Base.trim());
      return Name == "Module" || modeIndependent(Name);
    });
  }

  bool statementIndependent(llvm::StringRef T) {
    static const char *const ModeWords[] = {
        "Dropout",         "dropout",       "BatchNorm", "batch_norm",
        "InstanceNorm",    "instance_norm", "training",  "RReLU",
        "rrelu",           "LSTM",          "GRU",       "RNN",
        "torchvision",     "timm",          "hub.",      "import ",
        "from_pretrained", "torch.load",    "models."};
    for (const char *W : ModeWords)
      if (T.contains(W))
        return false;
    // A definition's head names, it does not build.
    const llvm::StringRef Head = T.ltrim();
    if (Head.starts_with("def ") || Head.starts_with("class "))
      return true;
    for (size_t I = 0; I < T.size(); ++I) {
      if (T[I] != '(' || I == 0 || !isIdentChar(T[I - 1]))
        continue;
      size_t B = I;
      while (B > 0 && isIdentChar(T[B - 1]))
        --B;
      const llvm::StringRef Callee = T.slice(B, I);
      const bool Method = B > 0 && T[B - 1] == '.';
      const bool Defined = Blocks.count(Callee) != 0;
      // A layer (`nn.Conv2d(...)`, `Block(...)`) or a helper of the script
      // that builds some; method calls are the model's own code.
      if (llvm::isUpper(Callee.front())) {
        if (Defined ? !modeIndependent(Callee)
                    : !isModeIndependentLayer(Callee))
          return false;
      } else if (!Method && Defined && !modeIndependent(Callee)) {
        return false;
      }
    }
    return true;
  }

  llvm::ArrayRef<Statement> Stmts;
  llvm::StringMap<size_t> Blocks; // class/def name -> its head statement
  llvm::StringMap<bool> Decided;
};

// The enclosing `def`'s name of statement `K`, if any.
llvm::StringRef enclosingFunction(llvm::ArrayRef<Statement> Stmts, size_t K) {
  for (size_t I = K; I-- > 0;) {
    if (Stmts[I].Indent >= Stmts[K].Indent)
      continue;
    llvm::StringRef T = llvm::StringRef(Stmts[I].Text).ltrim();
    if (T.consume_front("def "))
      return leadingIdentifier(T);
    if (Stmts[I].Indent == 0)
      break;
  }
  return {};
}

// What a script does with an export after making it: the file names it is
// saved under, and whether it is frozen or put in eval mode.
struct SaveFacts {
  std::vector<std::string> Names;
  bool Frozen = false;
  bool EvalAfter = false;
};

void addFileNames(llvm::StringRef Text, std::vector<std::string> &Out) {
  for (const std::string &Lit : stringLiterals(Text))
    if (namesAFile(Lit))
      Out.push_back(llvm::sys::path::filename(Lit).str());
}

// The file names a save's path argument spells, directly or through a
// variable assigned before the save.
void savedNames(llvm::ArrayRef<Statement> Stmts, size_t At,
                llvm::StringRef PathArg, std::vector<std::string> &Out) {
  const size_t Before = Out.size();
  addFileNames(PathArg, Out);
  if (Out.size() != Before)
    return;
  const llvm::StringRef Var = leadingIdentifier(PathArg);
  if (Var.empty() || Var.size() != PathArg.trim().size())
    return;
  for (size_t I = At; I-- > 0;)
    if (auto A = assignment(Stmts[I].Text); A && A->first == Var) {
      addFileNames(A->second, Out);
      return;
    }
}

SaveFacts followExport(llvm::ArrayRef<Statement> Stmts, size_t K) {
  SaveFacts Out;
  llvm::StringSet<> Modules;
  if (auto A = assignment(Stmts[K].Text))
    Modules.insert(A->first);
  // `return torch.jit.trace(...)` in a function: its callers' results.
  const llvm::StringRef Fn =
      llvm::StringRef(Stmts[K].Text).ltrim().starts_with("return ")
          ? enclosingFunction(Stmts, K)
          : llvm::StringRef();
  for (size_t I = 0; I < Stmts.size(); ++I) {
    llvm::StringRef T = Stmts[I].Text;
    auto A = assignment(T);
    if (A && !Fn.empty() && leadingIdentifier(A->second) == Fn &&
        A->second.drop_front(Fn.size()).starts_with("(")) {
      Modules.insert(A->first);
      continue;
    }
    if (I <= K)
      continue;
    // The name reused for another module (the next export): its saves are
    // that one's.
    if (A && Modules.contains(A->first) && !T.contains("jit.freeze(") &&
        !switchesToEval(A->second)) {
      Modules.erase(A->first);
      continue;
    }
    for (const auto &M : Modules) {
      const llvm::StringRef Name = M.getKey();
      const size_t At = findName(T, Name);
      if (At == llvm::StringRef::npos)
        continue;
      llvm::StringRef Rest = T.drop_front(At + Name.size());
      if (Rest.starts_with(".save("))
        savedNames(Stmts, I, firstArgument(Rest, Rest.find('(')), Out.Names);
      if (evalsName(T, Name))
        Out.EvalAfter = true;
    }
    for (const char *Call : {"jit.save(", "jit.freeze("}) {
      const size_t C = T.find(Call);
      if (C == llvm::StringRef::npos)
        continue;
      const size_t Open = C + llvm::StringRef(Call).size() - 1;
      if (!Modules.contains(leadingIdentifier(firstArgument(T, Open))))
        continue;
      if (llvm::StringRef(Call) == "jit.freeze(") {
        Out.Frozen = true;
        if (A)
          Modules.insert(A->first);
        continue;
      }
      llvm::SmallVector<llvm::StringRef, 3> Args;
      callArguments(T, Open).split(Args, ',', 2);
      if (Args.size() > 1)
        savedNames(Stmts, I, Args[1].trim(), Out.Names);
    }
  }
  return Out;
}

// The class the script constructs `Name` from last before statement `K`.
llvm::StringRef constructedClass(llvm::ArrayRef<Statement> Stmts, size_t K,
                                 llvm::StringRef Name) {
  for (size_t I = K; I-- > 0;) {
    auto A = assignment(Stmts[I].Text);
    if (!A || A->first != Name)
      continue;
    const size_t Open = A->second.find('(');
    if (Open == llvm::StringRef::npos)
      return {};
    llvm::StringRef Callee = A->second.take_front(Open).trim();
    if (!llvm::all_of(Callee,
                      [](char C) { return isIdentChar(C) || C == '.'; }))
      return {};
    return lastComponent(Callee);
  }
  return {};
}

} // namespace

std::vector<ScriptExport> scanExportScript(llvm::StringRef File,
                                           llvm::StringRef Text) {
  std::vector<ScriptExport> Out;
  if (!Text.contains("jit."))
    return Out;
  const std::vector<Statement> Stmts = logicalLines(Text);
  ScriptClasses Classes(Stmts);
  for (size_t K = 0; K < Stmts.size(); ++K) {
    const llvm::StringRef T = Stmts[K].Text;
    for (const char *Kind :
         {"jit.trace(", "jit.script(", "jit.trace_module("}) {
      const size_t C = T.find(Kind);
      if (C == llvm::StringRef::npos || (C > 0 && isIdentChar(T[C - 1])))
        continue;
      ScriptExport E;
      E.File = File.str();
      E.Offset = Stmts[K].Offset;
      E.Line = Stmts[K].Line;
      E.Traced = llvm::StringRef(Kind) != "jit.script(";
      const llvm::StringRef Arg =
          firstArgument(T, C + llvm::StringRef(Kind).size() - 1);
      const llvm::StringRef Model = leadingModuleName(Arg);
      const SaveFacts Saves = followExport(Stmts, K);
      E.SavedNames = Saves.Names;
      bool EvalBefore = switchesToEval(Arg);
      for (size_t I = 0; I < K && !EvalBefore && !Model.empty(); ++I)
        EvalBefore = evalsNameOrOwner(Stmts[I].Text, Model);
      const llvm::StringRef Class = constructedClass(Stmts, K, Model);
      const bool Independent = !Class.empty() && Classes.modeIndependent(Class);
      E.NeedsEval = !(EvalBefore || Saves.Frozen || Independent ||
                      (Saves.EvalAfter && !E.Traced));
      Out.push_back(std::move(E));
      break;
    }
  }
  return Out;
}

std::vector<ScriptExport> findExportScripts(llvm::StringRef Root) {
  constexpr unsigned MaxEntries = 50000, MaxScripts = 5000;
  constexpr uint64_t MaxBytes = 2u << 20;
  std::vector<ScriptExport> Out;
  std::error_code EC;
  unsigned Entries = 0, Scripts = 0;
  for (llvm::sys::fs::recursive_directory_iterator It(Root, EC), End;
       It != End && !EC && Entries < MaxEntries && Scripts < MaxScripts;
       It.increment(EC), ++Entries) {
    const llvm::StringRef Path = It->path();
    const llvm::StringRef Name = llvm::sys::path::filename(Path);
    if (It->type() == llvm::sys::fs::file_type::directory_file) {
      llvm::SmallString<256> Cache(Path);
      llvm::sys::path::append(Cache, "CMakeCache.txt");
      if (Name.starts_with(".") || Name == "__pycache__" ||
          Name == "node_modules" || Name == "site-packages" ||
          llvm::sys::fs::exists(Cache))
        It.no_push();
      continue;
    }
    if (!Name.ends_with(".py"))
      continue;
    ++Scripts;
    uint64_t Size = 0;
    if (llvm::sys::fs::file_size(Path, Size) || Size > MaxBytes)
      continue;
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    if (!Buffer)
      continue;
    std::vector<ScriptExport> Found =
        scanExportScript(Path, (*Buffer)->getBuffer());
    std::move(Found.begin(), Found.end(), std::back_inserter(Out));
  }
  llvm::sort(Out, [](const ScriptExport &A, const ScriptExport &B) {
    return std::tie(A.File, A.Offset) < std::tie(B.File, B.Offset);
  });
  return Out;
}

namespace {
std::string commonAncestor(llvm::ArrayRef<std::string> Dirs) {
  if (Dirs.empty())
    return "";
  llvm::StringRef Common = Dirs.front();
  for (llvm::StringRef D : Dirs.drop_front()) {
    while (!Common.empty() && !(D == Common || (D.starts_with(Common) &&
                                                (Common.ends_with("/") ||
                                                 D[Common.size()] == '/'))))
      Common = llvm::sys::path::parent_path(Common);
  }
  return Common.str();
}

bool isFileSystemRoot(llvm::StringRef Dir) {
  return Dir.empty() || llvm::sys::path::parent_path(Dir).empty() ||
         llvm::sys::path::parent_path(Dir) == Dir;
}
} // namespace

std::string exportScriptRoot(llvm::ArrayRef<std::string> Files,
                             llvm::StringRef WorkingDirectory) {
  std::vector<std::string> Dirs;
  for (const std::string &F : Files)
    Dirs.push_back(llvm::sys::path::parent_path(F).str());
  if (Dirs.empty())
    return "";
  std::vector<std::string> WithCwd = Dirs;
  WithCwd.push_back(WorkingDirectory.str());
  std::string Root = commonAncestor(WithCwd);
  if (isFileSystemRoot(Root))
    Root = commonAncestor(Dirs);
  return isFileSystemRoot(Root) ? "" : Root;
}

bool namesAFile(llvm::StringRef Path) {
  const llvm::StringRef Name = llvm::sys::path::filename(Path);
  return Name.size() > 1 && Name.find('.', 1) != llvm::StringRef::npos &&
         !Name.ends_with(".");
}

bool namesSavedFile(llvm::StringRef Path, llvm::StringRef Name) {
  return namesAFile(Path) && llvm::sys::path::filename(Path) == Name;
}

} // namespace clang::tidy::torch_tidy::project
