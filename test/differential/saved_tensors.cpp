// What each op saves for backward, found by modifying one operand or the
// result in place before backward() and printing `ok` (with the gradients) or
// the exact version-counter error. Also: which grad_fn the error names, how
// guards interact with version counters, and views / detach() sharing them.
//
// Conventions: a "leaf" requires grad; an operand that requires grad is used
// through `leaf.clone()` (grad_fn CloneBackward0) so that it may be modified
// in place in grad mode; modifications are `mul_(2)` unless said otherwise,
// which leaves the modified tensor with grad_fn MulBackward1. A "constant"
// does not require grad.
#include <functional>
#include <string>
#include <vector>

#include "diff_print.h"

using namespace diff;
using torch::Tensor;

namespace {

const torch::TensorOptions kRG = torch::TensorOptions().requires_grad(true);

// torch::tensor({...}) fills its result element by element, so it starts at
// _version() == numel (see "version counters"); clone() gives a tensor at
// version 0, which keeps the versions in the messages below small.
Tensor fresh(const Tensor& t, bool requires_grad) {
  return t.clone().requires_grad_(requires_grad);
}
Tensor vec3(bool requires_grad) {
  return fresh(torch::tensor({0.5f, 1.0f, 2.0f}), requires_grad);
}
Tensor vec3b(bool requires_grad) {
  return fresh(torch::tensor({1.5f, 0.25f, 3.0f}), requires_grad);
}
Tensor mat23(bool requires_grad) {
  return fresh(torch::tensor({0.5f, 1.0f, 2.0f, -1.0f, 0.25f, 3.0f})
                   .reshape({2, 3}),
               requires_grad);
}
Tensor mat43(bool requires_grad) {
  return fresh(torch::tensor({0.5f, 1.0f, 2.0f, -1.0f, 0.25f, 3.0f, 1.5f, -2.0f,
                              0.0f, 2.5f, 0.75f, -0.5f})
                   .reshape({4, 3}),
               requires_grad);
}
Tensor mat32(bool requires_grad) {
  return fresh(torch::tensor({1.0f, -0.5f, 2.0f, 0.75f, -1.5f, 1.25f})
                   .reshape({3, 2}),
               requires_grad);
}

// Runs `(y * w).sum().backward()` with constant weights w = 1, 2, 3, ... in
// y's shape (so that gradients are not trivially uniform or zero); prints ok
// and the grads of `leaves`, or the error.
void backward_report(const std::string& label, const Tensor& y,
                     const std::vector<Tensor>& leaves) {
  try {
    Tensor w = torch::arange(1, y.numel() + 1, torch::kFloat).reshape(y.sizes());
    (y * w).sum().backward();
    std::printf("%s: ok\n", label.c_str());
    for (size_t i = 0; i < leaves.size(); ++i) {
      std::string l = "  grad[" + std::to_string(i) + "]";
      print_grad(l.c_str(), leaves[i]);
    }
  } catch (const c10::Error& e) {
    std::printf("%s: error: %s\n", label.c_str(), e.what_without_backtrace());
  }
}

using Unary = std::function<Tensor(const Tensor&)>;
using Binary = std::function<Tensor(const Tensor&, const Tensor&)>;

// Modify the input (grad mode), the result (grad mode), and a leaf input
// (under NoGradGuard).
void unary(const std::string& name, const Unary& f, Tensor (*make)(bool)) {
  {
    Tensor x = make(true);
    Tensor a = x.clone();
    Tensor y = f(a);
    a.mul_(2);
    backward_report(name + ": modify input", y, {x});
  }
  {
    Tensor x = make(true);
    Tensor a = x.clone();
    Tensor y = f(a);
    y.mul_(2);
    backward_report(name + ": modify result", y, {x});
  }
  {
    Tensor x = make(true);
    Tensor y = f(x);
    {
      torch::NoGradGuard g;
      x.mul_(2);
    }
    backward_report(name + ": modify leaf input under NoGradGuard", y, {x});
  }
  {
    Tensor x = make(true);
    Tensor a = x.clone();
    Tensor y = f(a);
    backward_report(name + ": unmodified", y, {x});
  }
}

// For each of (a requires grad), (b requires grad), (both): modify a, modify
// b, modify the result.
void binary(const std::string& name, const Binary& f, Tensor (*make_a)(bool),
            Tensor (*make_b)(bool)) {
  const bool combos[3][2] = {{true, false}, {false, true}, {true, true}};
  const char* combo_names[3] = {"a needs grad", "b needs grad", "both"};
  const char* what_names[3] = {"modify a", "modify b", "modify result"};
  for (int c = 0; c < 3; ++c) {
    for (int what = 0; what < 3; ++what) {
      bool rg_a = combos[c][0];
      bool rg_b = combos[c][1];
      Tensor xa = make_a(rg_a);
      Tensor xb = make_b(rg_b);
      Tensor a = rg_a ? xa.clone() : xa;
      Tensor b = rg_b ? xb.clone() : xb;
      Tensor y = f(a, b);
      if (what == 0) a.mul_(2);
      if (what == 1) b.mul_(2);
      if (what == 2) y.mul_(2);
      std::vector<Tensor> leaves;
      if (rg_a) leaves.push_back(xa);
      if (rg_b) leaves.push_back(xb);
      backward_report(name + " (" + combo_names[c] + "): " + what_names[what],
                      y, leaves);
    }
  }
}

void version(const char* label, const Tensor& t) {
  print_int(label, t._version());
}

}  // namespace

int main() {
  section("unary ops");
  unary("pow(a, 2)", [](const Tensor& a) { return a.pow(2); }, vec3);
  unary("pow(a, 0.5)", [](const Tensor& a) { return a.pow(0.5); }, vec3);
  unary("log", [](const Tensor& a) { return a.log(); }, vec3);
  unary("sin", [](const Tensor& a) { return a.sin(); }, vec3);
  unary("cos", [](const Tensor& a) { return a.cos(); }, vec3);
  unary("clamp(0.75, 1.5)", [](const Tensor& a) { return a.clamp(0.75, 1.5); },
        vec3);
  unary("abs", [](const Tensor& a) { return a.abs(); }, vec3);
  unary("exp", [](const Tensor& a) { return a.exp(); }, vec3);
  unary("sqrt", [](const Tensor& a) { return a.sqrt(); }, vec3);
  unary("tanh", [](const Tensor& a) { return a.tanh(); }, vec3);
  unary("sigmoid", [](const Tensor& a) { return a.sigmoid(); }, vec3);
  unary("relu", [](const Tensor& a) { return a.relu(); }, vec3);
  unary("torch::relu", [](const Tensor& a) { return torch::relu(a); }, vec3);
  unary("softmax(0)", [](const Tensor& a) { return a.softmax(0); }, vec3);
  unary("log_softmax(0)", [](const Tensor& a) { return a.log_softmax(0); },
        vec3);
  unary("softmax(1) on [2, 3]", [](const Tensor& a) { return a.softmax(1); },
        mat23);

  section("scalar operands");
  unary("a * 2", [](const Tensor& a) { return a * 2; }, vec3);
  unary("2 * a", [](const Tensor& a) { return 2 * a; }, vec3);
  unary("a / 2", [](const Tensor& a) { return a / 2; }, vec3);
  unary("2 / a", [](const Tensor& a) { return 2 / a; }, vec3);
  unary("a + 2", [](const Tensor& a) { return a + 2; }, vec3);
  unary("a - 2", [](const Tensor& a) { return a - 2; }, vec3);

  section("ops that save nothing");
  unary("sum", [](const Tensor& a) { return a.sum(); }, vec3);
  unary("mean", [](const Tensor& a) { return a.mean(); }, vec3);
  unary("sum(1) on [2, 3]", [](const Tensor& a) { return a.sum(1); }, mat23);
  unary("neg", [](const Tensor& a) { return a.neg(); }, vec3);
  unary("-a", [](const Tensor& a) { return -a; }, vec3);
  unary("view({3, 2})", [](const Tensor& a) { return a.view({3, 2}); },
        mat23);
  unary("reshape({3, 2})", [](const Tensor& a) { return a.reshape({3, 2}); },
        mat23);
  unary("t()", [](const Tensor& a) { return a.t(); }, mat23);
  unary("unsqueeze(0)", [](const Tensor& a) { return a.unsqueeze(0); }, vec3);
  unary("a[1]", [](const Tensor& a) { return a[1]; }, mat23);
  unary("clone", [](const Tensor& a) { return a.clone(); }, vec3);
  binary("add", [](const Tensor& a, const Tensor& b) { return a + b; }, vec3,
         vec3b);
  binary("sub", [](const Tensor& a, const Tensor& b) { return a - b; }, vec3,
         vec3b);
  binary("cat", [](const Tensor& a, const Tensor& b) {
    return torch::cat({a, b});
  }, vec3, vec3b);

  section("binary ops");
  binary("mul", [](const Tensor& a, const Tensor& b) { return a * b; }, vec3,
         vec3b);
  binary("div", [](const Tensor& a, const Tensor& b) { return a / b; }, vec3,
         vec3b);
  binary("pow(a, b)", [](const Tensor& a, const Tensor& b) {
    return a.pow(b);
  }, vec3, vec3b);
  binary("stack", [](const Tensor& a, const Tensor& b) {
    return torch::stack({a, b});
  }, vec3, vec3b);
  binary("mm", [](const Tensor& a, const Tensor& b) { return a.mm(b); },
         mat23, mat32);
  binary("matmul [2,3]x[3,2]", [](const Tensor& a, const Tensor& b) {
    return a.matmul(b);
  }, mat23, mat32);
  binary("matmul [3]x[3]", [](const Tensor& a, const Tensor& b) {
    return a.matmul(b);
  }, vec3, vec3b);
  binary("matmul [2,3]x[3]", [](const Tensor& a, const Tensor& b) {
    return a.matmul(b);
  }, mat23, vec3);
  binary("mse_loss", [](const Tensor& a, const Tensor& b) {
    return torch::mse_loss(a, b);
  }, vec3, vec3b);

  section("addmm");
  {
    const char* names[4] = {"bias", "mat1", "mat2", "result"};
    for (int what = 0; what < 4; ++what) {
      Tensor lb = fresh(torch::tensor({0.5f, -0.5f}), true);
      Tensor l1 = mat23(true);
      Tensor l2 = mat32(true);
      Tensor bias = lb.clone();
      Tensor m1 = l1.clone();
      Tensor m2 = l2.clone();
      Tensor y = torch::addmm(bias, m1, m2);
      if (what == 0) bias.mul_(2);
      if (what == 1) m1.mul_(2);
      if (what == 2) m2.mul_(2);
      if (what == 3) y.mul_(2);
      backward_report(std::string("addmm (all need grad): modify ") +
                          names[what],
                      y, {lb, l1, l2});
    }
  }

  section("nn::Linear");
  {
    const char* names[5] = {"input", "weight (NoGradGuard)",
                            "bias (NoGradGuard)", "result", "nothing"};
    for (int what = 0; what < 5; ++what) {
      torch::nn::Linear lin(3, 2);
      {
        torch::NoGradGuard g;
        lin->weight.copy_(mat23(false));
        lin->bias.fill_(0.5);
      }
      Tensor lx = mat23(true);
      Tensor x = lx.clone();
      Tensor y = lin(x);
      if (what == 0) x.mul_(2);
      if (what == 1) {
        torch::NoGradGuard g;
        lin->weight.mul_(2);
      }
      if (what == 2) {
        torch::NoGradGuard g;
        lin->bias.mul_(2);
      }
      if (what == 3) y.mul_(2);
      backward_report(std::string("Linear: modify ") + names[what], y,
                      {lx, lin->weight, lin->bias});
    }
    {
      // 1-D input: matmul + add instead of addmm.
      torch::nn::Linear lin(3, 2);
      {
        torch::NoGradGuard g;
        lin->weight.copy_(mat23(false));
        lin->bias.fill_(0.5);
      }
      Tensor x = vec3(false);
      Tensor y = lin(x);
      print_grad_fn("Linear 1-D result", y);
      {
        torch::NoGradGuard g;
        lin->weight.mul_(2);
      }
      backward_report("Linear 1-D: modify weight (NoGradGuard)", y,
                      {lin->weight, lin->bias});
    }
    {
      // Constant input: addmm saves nothing of the input for the weight's
      // gradient? (it needs mat1 for mat2's grad).
      torch::nn::Linear lin(3, 2);
      Tensor x = mat23(false);
      Tensor y = lin(x);
      x.mul_(2);
      backward_report("Linear: modify constant input", y, {});
    }
  }

  section("nn::BatchNorm1d (training)");
  {
    const char* names[4] = {"input", "weight (NoGradGuard)", "result",
                            "running_mean (NoGradGuard)"};
    for (int what = 0; what < 4; ++what) {
      torch::nn::BatchNorm1d bn(3);
      Tensor lx = mat43(true);
      Tensor x = lx.clone();
      Tensor y = bn(x);
      if (what == 0) x.mul_(2);
      if (what == 1) {
        torch::NoGradGuard g;
        bn->weight.mul_(2);
      }
      if (what == 2) y.mul_(2);
      if (what == 3) {
        torch::NoGradGuard g;
        bn->running_mean.mul_(2);
      }
      backward_report(std::string("BatchNorm1d train: modify ") + names[what],
                      y, {lx, bn->weight, bn->bias});
    }
  }

  section("current grad_fn named by the error");
  {
    // y = x * 2; z = y.pow(2); modify y in various ways; z.backward.
    struct Mod {
      const char* name;
      std::function<void(Tensor&)> f;
    };
    std::vector<Mod> mods = {
        {"y.mul_(2)", [](Tensor& y) { y.mul_(2); }},
        {"y.add_(1)", [](Tensor& y) { y.add_(1); }},
        {"y += 1", [](Tensor& y) { y += 1; }},
        {"y -= 1", [](Tensor& y) { y -= 1; }},
        {"y *= 2", [](Tensor& y) { y *= 2; }},
        {"y /= 2", [](Tensor& y) { y /= 2; }},
        {"y.fill_(1)", [](Tensor& y) { y.fill_(1); }},
        {"y.zero_()", [](Tensor& y) { y.zero_(); }},
        {"y.copy_(ones)", [](Tensor& y) { y.copy_(torch::ones({3})); }},
        {"y.exp_()", [](Tensor& y) { y.exp_(); }},
        {"y.relu_()", [](Tensor& y) { y.relu_(); }},
        {"torch::relu_(y)", [](Tensor& y) { torch::relu_(y); }},
        {"y.clamp_(0, 1)", [](Tensor& y) { y.clamp_(0, 1); }},
        {"y.masked_fill_(mask, 0)",
         [](Tensor& y) { y.masked_fill_(torch::tensor({true, false, true}), 0); }},
        {"y.index_put_({idx}, v)",
         [](Tensor& y) {
           y.index_put_({torch::tensor({1})}, torch::tensor({5.0f}));
         }},
        {"y[0].fill_(3) (through a view)", [](Tensor& y) { y[0].fill_(3); }},
        {"y.mul_(2) twice", [](Tensor& y) { y.mul_(2); y.mul_(2); }},
        {"y.mul_(2) under NoGradGuard",
         [](Tensor& y) { torch::NoGradGuard g; y.mul_(2); }},
        {"y.mul_(2) under AutoGradMode(false)",
         [](Tensor& y) { torch::AutoGradMode g(false); y.mul_(2); }},
        {"y.mul_(2) under InferenceMode",
         [](Tensor& y) { torch::InferenceMode g; y.mul_(2); }},
        {"y.detach().zero_()", [](Tensor& y) { y.detach().zero_(); }},
        {"y.detach().mul_(2) three times",
         [](Tensor& y) {
           Tensor d = y.detach();
           d.mul_(2);
           d.mul_(2);
           d.mul_(2);
         }},
    };
    for (const Mod& m : mods) {
      Tensor x = vec3(true);
      Tensor y = x * 2;
      Tensor z = y.pow(2);
      m.f(y);
      std::string label = std::string("z = (x * 2).pow(2); ") + m.name;
      print_grad_fn((label + " -> y.grad_fn").c_str(), y);
      version((label + " -> y._version()").c_str(), y);
      backward_report(label, z, {x});
    }
  }

  section("saved leaf and saved constant");
  {
    Tensor x = vec3(true);
    Tensor y = x.pow(2);
    {
      torch::NoGradGuard g;
      x.mul_(2);
    }
    backward_report("leaf x saved by pow, x.mul_(2) under NoGradGuard", y, {x});
  }
  {
    Tensor x = vec3(true);
    Tensor y = x.pow(2);
    TRY("leaf x.mul_(2) in grad mode", x.mul_(2));
    version("leaf x._version() after refused in-place", x);
    backward_report("backward after refused in-place", y, {x});
  }
  {
    Tensor x = vec3(true);
    Tensor w = fresh(torch::tensor({2.0f, 3.0f, 4.0f}), false);
    Tensor y = x * w;
    w.mul_(2);
    backward_report("x * w, constant w.mul_(2)", y, {x});
  }
  {
    Tensor x = vec3(true);
    Tensor w = fresh(torch::tensor({2.0f, 3.0f, 4.0f, 5.0f}).reshape({2, 2}),
                     false);
    Tensor y = x * w[1][0];
    w.mul_(2);
    backward_report("x * w[1][0] (0-dim view), base w.mul_(2)", y, {x});
  }
  {
    Tensor x = torch::ones({2, 3}, kRG);
    Tensor w = torch::ones({3, 4});
    Tensor y = x.mm(w);
    w.fill_(2);
    backward_report("x.mm(w), constant w [3, 4] fill_(2)", y, {x});
  }
  {
    Tensor x = torch::ones({2, 3}, torch::TensorOptions()
                                       .dtype(torch::kDouble)
                                       .requires_grad(true));
    Tensor w = torch::ones({3, 4}, torch::kDouble);
    Tensor y = x.mm(w);
    w.fill_(2);
    backward_report("kDouble x.mm(w), constant w fill_(2)", y, {x});
  }

  section("version counters");
  {
    version("torch::tensor({1.0f, 2.0f, 3.0f})",
            torch::tensor({1.0f, 2.0f, 3.0f}));
    version("torch::tensor({1.0f, 2.0f, 3.0f}, requires_grad)",
            torch::tensor({1.0f, 2.0f, 3.0f}, kRG));
    version("torch::tensor({{1, 2}, {3, 4}})", torch::tensor({{1, 2}, {3, 4}}));
    version("torch::tensor({true, false})", torch::tensor({true, false}));
    version("torch::tensor(2.5f) (0-dim)", torch::tensor(2.5f));
    version("torch::tensor({1.0f, 2.0f, 3.0f}).clone()",
            torch::tensor({1.0f, 2.0f, 3.0f}).clone());
    version("torch::zeros({2})", torch::zeros({2}));
    version("torch::ones({2}, requires_grad)", torch::ones({2}, kRG));
    version("torch::full({2}, 3.0)", torch::full({2}, 3.0));
    version("torch::arange(4)", torch::arange(4));
    version("torch::empty({2})", torch::empty({2}));
    version("torch::rand({2})", torch::rand({2}));
    version("torch::randn({2})", torch::randn({2}));
    version("torch::randint(0, 5, {2})", torch::randint(0, 5, {2}));
    version("torch::zeros_like(zeros)", torch::zeros_like(torch::zeros({2})));
    version("torch::ones_like(zeros)", torch::ones_like(torch::zeros({2})));
    Tensor t = torch::zeros({2, 3});
    version("fresh", t);
    t.add_(1);
    version("after add_", t);
    t += 1;
    t -= 1;
    t *= 2;
    t /= 2;
    version("after += -= *= /=", t);
    t.fill_(1);
    t.zero_();
    t.copy_(torch::ones({2, 3}));
    version("after fill_ zero_ copy_", t);
    t.masked_fill_(torch::tensor({true, false, true}), 2.0);
    version("after masked_fill_ (broadcast mask)", t);
    t.index_put_({torch::tensor({0})}, torch::tensor({9.0f}));
    version("after index_put_", t);
    t.clamp_(0, 1);
    t.relu_();
    torch::relu_(t);
    version("after clamp_ relu_ torch::relu_", t);
    Tensor v = t.view({3, 2});
    version("view of it", v);
    v.mul_(2);
    version("base after view.mul_", t);
    version("view after view.mul_", v);
    Tensor s = t[1];
    version("t[1]", s);
    s.fill_(5);
    version("base after t[1].fill_", t);
    version("other view after t[1].fill_", v);
    Tensor sl = t.slice(1, 0, 2);
    Tensor tr = t.t();
    Tensor ex = t[0].unsqueeze(0).expand({4, 3});
    Tensor rs = t.reshape({-1});
    version("slice/t/expand/reshape views", sl);
    sl.add_(1);
    version("t after slice.add_", t);
    version("transpose view after slice.add_", tr);
    version("expand view after slice.add_", ex);
    version("reshape view after slice.add_", rs);
    Tensor d = t.detach();
    version("detach", d);
    d.mul_(2);
    version("t after detach().mul_", t);
    Tensor c = t.clone();
    version("clone", c);
    c.mul_(2);
    version("t after clone().mul_", t);
    Tensor cont = t.contiguous();
    version("contiguous() of contiguous", cont);
    cont.add_(1);
    version("t after contiguous().add_ (same tensor)", t);
    Tensor tc = t.t().contiguous();
    tc.add_(1);
    version("t after t().contiguous().add_ (a copy)", t);
    Tensor same = t.to(torch::kFloat);
    same.add_(1);
    version("t after to(kFloat).add_ (same dtype)", t);
    Tensor other = t.to(torch::kDouble);
    other.add_(1);
    version("t after to(kDouble).add_", t);
    Tensor out = t * 2;
    version("out-of-place result", out);
    {
      torch::NoGradGuard g;
      t.add_(1);
    }
    version("after add_ under NoGradGuard", t);
    {
      torch::InferenceMode g;
      t.add_(1);
    }
    version("after add_ under InferenceMode (normal tensor)", t);
  }

  section("saved tensor through views");
  {
    Tensor x = vec3(true);
    Tensor base = x.clone().reshape({3, 1});
    Tensor v = base.view({3});
    Tensor y = v.exp();
    base.mul_(2);
    print_grad_fn("v.grad_fn after base.mul_", v);
    backward_report("y = view.exp(), base.mul_(2)", y, {x});
  }
  {
    Tensor x = vec3(true);
    Tensor base = x.clone();
    Tensor y = base.sin();
    base[0].mul_(2);
    print_grad_fn("base.grad_fn after base[0].mul_", base);
    backward_report("y = base.sin(), base[0].mul_(2)", y, {x});
  }
  {
    Tensor x = vec3(true);
    Tensor base = x.clone();
    Tensor v = base.unsqueeze(0);
    Tensor y = v.sin();
    v.mul_(2);
    print_grad_fn("v.grad_fn after v.mul_", v);
    print_grad_fn("base.grad_fn after v.mul_", base);
    backward_report("y = base.unsqueeze(0).sin(), view.mul_(2)", y, {x});
  }

  section("in-place after backward");
  {
    Tensor x = vec3(true);
    Tensor y = x.exp();
    backward_report("y = x.exp() backward", y, {x});
    TRY("y.mul_(2) after backward", y.mul_(2));
    version("y._version()", y);
    {
      torch::NoGradGuard g;
      x.mul_(2);
    }
    version("x._version() after x.mul_ under NoGradGuard", x);
    print_tensor("x", x);
  }
  {
    Tensor x = vec3(true);
    Tensor y = x.exp();
    try {
      y.sum().backward({}, /*retain_graph=*/true);
      std::printf("retain_graph backward: ok\n");
    } catch (const c10::Error& e) {
      std::printf("retain_graph backward: error: %s\n",
                  e.what_without_backtrace());
    }
    y.mul_(2);
    backward_report("second backward after y.mul_(2)", y, {x});
  }
  {
    Tensor x = vec3(true);
    Tensor a = x.clone();
    Tensor y1 = a.sin();
    Tensor y2 = a * 3;
    a.mul_(2);
    backward_report("other branch (a * 3) after a.mul_(2)", y2, {x});
    backward_report("saving branch (a.sin()) after a.mul_(2)", y1, {x});
  }
  return 0;
}
