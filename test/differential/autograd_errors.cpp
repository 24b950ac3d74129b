// backward() and torch::autograd::grad: retain_graph, implicit gradients,
// tensors without grad_fn, leaf in-place errors, gradient accumulation.
#include "diff_print.h"

using namespace diff;
using torch::Tensor;

namespace {
const torch::TensorOptions kRG = torch::TensorOptions().requires_grad(true);

Tensor leaf3() {
  return torch::tensor({1.0f, 2.0f, 3.0f}).clone().requires_grad_(true);
}
}  // namespace

int main() {
  section("backward twice");
  {
    Tensor x = leaf3();
    Tensor y = (x * x).sum();
    TRY("first backward", y.backward());
    print_grad("x.grad", x);
    TRY("second backward without retain_graph", y.backward());
    print_grad("x.grad after failed second backward", x);
  }
  {
    Tensor x = leaf3();
    Tensor y = (x * x).sum();
    TRY("backward(retain_graph=true)", y.backward({}, /*retain_graph=*/true));
    TRY("second backward(retain_graph=true)",
        y.backward({}, /*retain_graph=*/true));
    TRY("third backward (default: frees)", y.backward());
    print_grad("x.grad after three backwards", x);
    TRY("fourth backward", y.backward());
  }
  {
    Tensor x = leaf3();
    Tensor y = (x + 1).sum();
    TRY("(x + 1).sum(): first backward", y.backward());
    TRY("(x + 1).sum(): second backward (nothing saved)", y.backward());
    print_grad("x.grad", x);
  }
  {
    Tensor x = leaf3();
    Tensor y = (x * 2).sum();
    TRY("(x * 2).sum(): first backward", y.backward());
    TRY("(x * 2).sum(): second backward (scalar mul saves nothing)",
        y.backward());
    print_grad("x.grad", x);
  }
  {
    Tensor x = leaf3();
    Tensor y = x.exp().sum();
    TRY("x.exp().sum(): first backward", y.backward());
    TRY("x.exp().sum(): second backward", y.backward());
  }
  {
    Tensor x = leaf3();
    Tensor h = x * x;
    Tensor a = h.sum();
    Tensor b = (h * 3).sum();
    TRY("shared subgraph: a.backward()", a.backward());
    TRY("shared subgraph: b.backward() after a freed h's node",
        b.backward());
  }

  section("implicit gradient");
  {
    Tensor x = leaf3();
    Tensor y = x * 2;
    TRY("non-scalar backward()", y.backward());
    TRY("non-scalar backward(ones)", y.backward(torch::ones({3})));
    print_grad("x.grad", x);
    Tensor z = x * 3;
    TRY("backward with grad of wrong shape", z.backward(torch::ones({2})));
    Tensor one = (x * 2)[0];
    TRY("0-dim non-sum backward()", one.backward());
    print_grad("x.grad after 0-dim backward", x);
    Tensor single = (x * 2).slice(0, 0, 1);
    print_sizes("one-element 1-D sizes", single);
    TRY("one-element 1-D backward()", single.backward());
    print_grad("x.grad", x);
    Tensor s = x.sum();
    TRY("backward(explicit 0-dim grad)", s.backward(torch::tensor(2.0f)));
    print_grad("x.grad", x);
  }

  section("no grad_fn");
  {
    Tensor c = torch::ones({3});
    TRY("constant.sum().backward()", c.sum().backward());
    Tensor x = leaf3();
    Tensor y;
    {
      torch::NoGradGuard g;
      y = (x * 2).sum();
    }
    print_autograd("result computed under NoGradGuard", y);
    TRY("backward of result computed under NoGradGuard", y.backward());
    Tensor d = (x * 2).detach().sum();
    TRY("backward through detach()", d.backward());
    Tensor z;
    {
      torch::InferenceMode g;
      z = (x * 2).sum();
    }
    TRY("backward of result computed in InferenceMode", z.backward());
    TRY("leaf x.backward(ones) (leaf itself)", x.backward(torch::ones({3})));
    print_grad("x.grad", x);
    Tensor idx = torch::tensor({1, 2});
    TRY("kLong.requires_grad_(true)", idx.requires_grad_(true));
    TRY("kLong ones with requires_grad option",
        torch::ones({2}, torch::TensorOptions()
                             .dtype(torch::kLong)
                             .requires_grad(true)));
    Tensor nonleaf = x * 2;
    TRY("nonleaf.requires_grad_(false)", nonleaf.requires_grad_(false));
    TRY("nonleaf.requires_grad_(true)", nonleaf.requires_grad_(true));
  }

  section("leaf in-place");
  {
    Tensor x = leaf3();
    TRY("x.add_(1) in grad mode", x.add_(1));
    TRY("x.mul_(2)", x.mul_(2));
    TRY("x += 1", x += 1);
    TRY("x -= 1", x -= 1);
    TRY("x *= 2", x *= 2);
    TRY("x /= 2", x /= 2);
    TRY("x.zero_()", x.zero_());
    TRY("x.fill_(1)", x.fill_(1));
    TRY("x.copy_(ones)", x.copy_(torch::ones({3})));
    TRY("x.relu_()", x.relu_());
    TRY("torch::relu_(x)", torch::relu_(x));
    TRY("x.clamp_(0, 1)", x.clamp_(0, 1));
    TRY("x.masked_fill_", x.masked_fill_(torch::tensor({true, false, true}), 0));
    TRY("x.index_put_", x.index_put_({torch::tensor({0})}, torch::tensor({5.0f})));
    TRY("x[0].fill_(5) (view of leaf)", x[0].fill_(5));
    TRY("x.view({3}).mul_(2) (view of leaf)", x.view({3}).mul_(2));
    print_tensor("x values after the refused ops", x);
    print_int("x._version() after the refused ops", x._version());
    print_autograd("x", x);
    {
      torch::NoGradGuard g;
      TRY("x.mul_(2) under NoGradGuard", x.mul_(2));
      TRY("x[0].fill_(5) under NoGradGuard", x[0].fill_(5));
    }
    {
      torch::AutoGradMode g(false);
      TRY("x.add_(1) under AutoGradMode(false)", x.add_(1));
    }
    {
      torch::InferenceMode g;
      TRY("x.add_(1) under InferenceMode", x.add_(1));
    }
    print_tensor("x values", x);
    print_int("x._version()", x._version());
    print_autograd("x after allowed in-place ops", x);
    Tensor d = x.detach();
    TRY("x.detach().zero_() in grad mode", d.zero_());
    print_tensor("x values after detach().zero_()", x);
    Tensor c = torch::ones({3});
    TRY("constant.add_(1) in grad mode", c.add_(1));
    TRY("constant.requires_grad_(true)", c.requires_grad_(true));
    TRY("constant.add_(1) after requires_grad_(true)", c.add_(1));
  }

  section("grad accumulation");
  {
    Tensor x = leaf3();
    print_grad("x.grad before any backward", x);
    (x * x).sum().backward();
    print_grad("x.grad after first backward", x);
    (x * 3).sum().backward();
    print_grad("x.grad after second backward (accumulated)", x);
    x.grad().zero_();
    print_grad("x.grad after grad().zero_()", x);
    (x * 2).sum().backward();
    print_grad("x.grad after third backward", x);
    Tensor w = torch::ones({3}, kRG);
    Tensor b = torch::zeros({1}, kRG);
    for (int i = 0; i < 3; ++i) {
      ((w * x).sum() + b).sum().backward();
    }
    print_grad("w.grad after 3 backwards", w);
    print_grad("b.grad after 3 backwards", b);
    print_grad("x.grad after 3 more backwards", x);
    Tensor y = x * 2;
    print_autograd("non-leaf y", y);
  }

  section("torch::autograd::grad");
  {
    Tensor x = leaf3();
    Tensor y = (x * x).sum();
    std::vector<Tensor> g = torch::autograd::grad({y}, {x});
    print_int("number of grads", static_cast<int64_t>(g.size()));
    print_tensor("dy/dx", g[0]);
    print_autograd("dy/dx", g[0]);
    print_grad("x.grad (untouched by autograd::grad)", x);
    TRY("y.backward() after autograd::grad freed the graph", y.backward());
  }
  {
    Tensor x = leaf3();
    Tensor w = torch::tensor({0.5f, -1.0f, 2.0f}).clone().requires_grad_(true);
    Tensor y = (x * w).sum();
    std::vector<Tensor> g =
        torch::autograd::grad({y}, {x, w}, {}, /*retain_graph=*/true);
    print_tensor("dy/dx", g[0]);
    print_tensor("dy/dw", g[1]);
    TRY("backward after autograd::grad(retain_graph=true)", y.backward());
    print_grad("x.grad", x);
    print_grad("w.grad", w);
  }
  {
    Tensor x = leaf3();
    Tensor y = x * 2;
    std::vector<Tensor> g =
        torch::autograd::grad({y}, {x}, {torch::tensor({1.0f, 0.5f, 0.25f})});
    print_tensor("grad with explicit grad_outputs", g[0]);
    Tensor z = x * 2;
    TRY("autograd::grad of non-scalar without grad_outputs",
        torch::autograd::grad({z}, {x}));
    Tensor unused = leaf3();
    Tensor q = (x * 2).sum();
    TRY("autograd::grad w.r.t. an unused input",
        torch::autograd::grad({q}, {unused}));
    Tensor c = torch::ones({3});
    TRY("autograd::grad of a constant",
        torch::autograd::grad({c.sum()}, {x}));
  }
  return 0;
}
