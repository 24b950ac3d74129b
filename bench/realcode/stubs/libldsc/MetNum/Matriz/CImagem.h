// torch-tidy real-code benchmark: a parse-only stand-in for LIB_LDSC's
// <MetNum/Matriz/CImagem.h> (the external/libldsc submodule, absent from the checkout),
// declaring just what torch-ldsc's src/TorchLDSCApp.cpp uses. Declarations only.
// (Proposed by the held-out-3 labeller; not compiled.)
#pragma once
#include <fstream>
#include <string>
#include <vector>

// LIB_LDSC's headers bring namespace std in; TorchLDSCApp.cpp relies on it
// (its `std:vector<int> linearizedData2D;` is the label `std:` and an unqualified vector).
using namespace std;

enum EImageType { P1_X_Y_ASCII = 1, P2_X_Y_GRAY_ASCII, P4_X_Y_BINARY = 4 };

class CImagem {
public:
  explicit CImagem(std::string nomeArquivo);
  CImagem(int nx, int ny);
  virtual ~CImagem() {}

  EImageType GetFormato() const;
  void SetFormato(EImageType formato);
  int NX() const;
  int NY() const;
  std::vector<std::vector<int>> &Data2D();
  bool SalvaDados(std::ofstream &fout);

  std::vector<std::vector<int>> data2D;
};
