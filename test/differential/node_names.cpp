// grad_fn()->name() of each op's result, is_leaf() and grad_fn of leaves and
// constants, and the names in-place ops leave behind.
#include "diff_print.h"

using namespace diff;

#define NAME(label, expr)                  \
  do {                                     \
    torch::Tensor r_ = (expr);             \
    print_grad_fn(label, r_);              \
  } while (0)

int main() {
  auto rg = torch::TensorOptions().requires_grad(true);
  torch::Tensor a = torch::tensor({0.5f, 1.0f, 2.0f}, rg);
  torch::Tensor b = torch::tensor({1.5f, -1.0f, 0.25f}, rg);
  torch::Tensor c = torch::tensor({2.0f, 3.0f, 4.0f});  // constant
  torch::Tensor m = torch::tensor({1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f}, rg)
                        .detach()
                        .reshape({2, 3})
                        .requires_grad_(true);
  torch::Tensor n = torch::ones({3, 2}, rg);
  torch::Tensor bias = torch::zeros({2}, rg);

  section("leaves");
  print_autograd("a (leaf requiring grad)", a);
  print_autograd("c (constant)", c);
  print_autograd("m (detach().reshape().requires_grad_())", m);
  print_autograd("ones(rg)", n);
  print_autograd("a.detach()", a.detach());
  print_autograd("c * 2 (constant result)", c * 2);

  section("arithmetic");
  NAME("a * b", a * b);
  NAME("a * c", a * c);
  NAME("c * a", c * a);
  NAME("a * 2", a * 2);
  NAME("2 * a", 2 * a);
  NAME("a.mul(b)", a.mul(b));
  NAME("a + b", a + b);
  NAME("a + c", a + c);
  NAME("a + 1", a + 1);
  NAME("1 + a", 1 + a);
  NAME("a - b", a - b);
  NAME("a - 1", a - 1);
  NAME("1 - a", 1 - a);
  NAME("a / b", a / b);
  NAME("a / c", a / c);
  NAME("a / 2", a / 2);
  NAME("2 / a", 2 / a);
  NAME("-a", -a);
  NAME("a.neg()", a.neg());

  section("unary");
  NAME("a.pow(2)", a.pow(2));
  NAME("a.pow(b)", a.pow(b));
  NAME("a.exp()", a.exp());
  NAME("a.log()", a.log());
  NAME("a.sqrt()", a.sqrt());
  NAME("a.sin()", a.sin());
  NAME("a.cos()", a.cos());
  NAME("a.abs()", a.abs());
  NAME("a.tanh()", a.tanh());
  NAME("a.sigmoid()", a.sigmoid());
  NAME("a.relu()", a.relu());
  NAME("torch::relu(a)", torch::relu(a));
  NAME("torch::sigmoid(a)", torch::sigmoid(a));
  NAME("torch::tanh(a)", torch::tanh(a));
  NAME("torch::exp(a)", torch::exp(a));
  NAME("a.clamp(0, 1)", a.clamp(0, 1));
  NAME("a.clamp(0)", a.clamp(0));
  NAME("a.softmax(0)", a.softmax(0));
  NAME("torch::softmax(a, 0)", torch::softmax(a, 0));
  NAME("a.log_softmax(0)", a.log_softmax(0));
  NAME("torch::log_softmax(a, 0)", torch::log_softmax(a, 0));

  section("reductions");
  NAME("a.sum()", a.sum());
  NAME("m.sum(1)", m.sum(1));
  NAME("a.mean()", a.mean());
  NAME("m.mean(0)", m.mean(0));
  NAME("a.max()", a.max());
  NAME("a.min()", a.min());
  NAME("std::get<0>(m.max(1))", std::get<0>(m.max(1)));
  NAME("std::get<0>(m.min(1))", std::get<0>(m.min(1)));

  section("linear algebra");
  NAME("m.mm(n)", m.mm(n));
  NAME("torch::mm(m, n)", torch::mm(m, n));
  NAME("m.matmul(n)", m.matmul(n));
  NAME("a.matmul(b) (1-D dot)", a.matmul(b));
  NAME("m.matmul(a) (matrix-vector)", m.matmul(a));
  NAME("torch::addmm(bias, m, n)", torch::addmm(bias, m, n));
  NAME("m.t()", m.t());
  NAME("m.transpose(0, 1)", m.transpose(0, 1));

  section("views and shape");
  NAME("m.view({3, 2})", m.view({3, 2}));
  NAME("m.reshape({3, 2})", m.reshape({3, 2}));
  NAME("m.reshape({-1})", m.reshape({-1}));
  NAME("m.t().reshape({-1}) (copy)", m.t().reshape({-1}));
  NAME("m.slice(1, 0, 2)", m.slice(1, 0, 2));
  NAME("m.select(0, 1)", m.select(0, 1));
  NAME("m[1]", m[1]);
  NAME("a.unsqueeze(0)", a.unsqueeze(0));
  NAME("a.unsqueeze(0).squeeze()", a.unsqueeze(0).squeeze());
  NAME("a.unsqueeze(0).squeeze(0)", a.unsqueeze(0).squeeze(0));
  NAME("a.expand({2, 3})", a.expand({2, 3}));
  NAME("m.t().contiguous()", m.t().contiguous());
  NAME("m.contiguous() (already)", m.contiguous());
  NAME("a.clone()", a.clone());
  NAME("a.to(torch::kDouble)", a.to(torch::kDouble));
  NAME("a.to(torch::kFloat) (same dtype)", a.to(torch::kFloat));
  NAME("a.repeat({2})", a.repeat({2}));
  NAME("torch::cat({a, b})", torch::cat({a, b}));
  NAME("torch::cat({a, c})", torch::cat({a, c}));
  NAME("torch::stack({a, b})", torch::stack({a, b}));

  section("losses");
  torch::Tensor logits = torch::tensor({1.0f, 2.0f, 0.5f, -1.0f, 0.0f, 3.0f}, rg)
                             .detach()
                             .reshape({2, 3})
                             .requires_grad_(true);
  torch::Tensor target = torch::tensor({2, 0});  // kLong
  NAME("torch::mse_loss(a, c)", torch::mse_loss(a, c));
  NAME("torch::nll_loss(logits.log_softmax(1), target)",
       torch::nll_loss(logits.log_softmax(1), target));
  NAME("torch::cross_entropy_loss(logits, target)",
       torch::cross_entropy_loss(logits, target));
  NAME("torch::dropout(a, 0.5, false)", torch::dropout(a, 0.5, false));
  NAME("torch::dropout(a, 0.5, true)", torch::dropout(a, 0.5, true));
  NAME("torch::dropout(a, 0.0, true)", torch::dropout(a, 0.0, true));

  section("nn modules");
  {
    torch::nn::Linear lin(3, 2);
    NAME("Linear(3, 2) on [2, 3]", lin(m));
    NAME("Linear(3, 2) on [3] (1-D)", lin(a));
    torch::nn::Linear nobias(torch::nn::LinearOptions(3, 2).bias(false));
    NAME("Linear(3, 2, bias=false) on [2, 3]", nobias(m));
    torch::nn::ReLU relu;
    NAME("ReLU module", relu(a));
    torch::nn::BatchNorm1d bn(3);
    NAME("BatchNorm1d train", bn(m));
    bn->eval();
    NAME("BatchNorm1d eval", bn(m));
  }

  section("in-place on non-leaf");
  {
    torch::Tensor y = a * 1;
    print_grad_fn("y = a * 1", y);
    y.mul_(2);
    print_grad_fn("after y.mul_(2)", y);
    y.mul_(b);
    print_grad_fn("after y.mul_(b)", y);
    y.add_(1);
    print_grad_fn("after y.add_(1)", y);
    y.add_(b);
    print_grad_fn("after y.add_(b)", y);
    y.sub_(1);
    print_grad_fn("after y.sub_(1)", y);
    y.div_(2);
    print_grad_fn("after y.div_(2)", y);
    y.div_(b);
    print_grad_fn("after y.div_(b)", y);
    y += 1;
    print_grad_fn("after y += 1", y);
    y -= b;
    print_grad_fn("after y -= b", y);
    y *= 3;
    print_grad_fn("after y *= 3", y);
    y /= b;
    print_grad_fn("after y /= b", y);
    y.fill_(1);
    print_grad_fn("after y.fill_(1)", y);
    y.zero_();
    print_grad_fn("after y.zero_()", y);
    y.copy_(b);
    print_grad_fn("after y.copy_(b)", y);
    y.copy_(c);
    print_grad_fn("after y.copy_(c)", y);
    y.exp_();
    print_grad_fn("after y.exp_()", y);
    y.relu_();
    print_grad_fn("after y.relu_()", y);
    torch::relu_(y);
    print_grad_fn("after torch::relu_(y)", y);
    y.clamp_(0, 1);
    print_grad_fn("after y.clamp_(0, 1)", y);
    y.sigmoid_();
    print_grad_fn("after y.sigmoid_()", y);
    y.tanh_();
    print_grad_fn("after y.tanh_()", y);
    y.pow_(2);
    print_grad_fn("after y.pow_(2)", y);
    y.neg_();
    print_grad_fn("after y.neg_()", y);
    y.abs_();
    print_grad_fn("after y.abs_()", y);
    y.masked_fill_(torch::tensor({true, false, true}), 0.5);
    print_grad_fn("after y.masked_fill_(mask, 0.5)", y);
    y.index_put_({torch::tensor({0, 2})}, torch::tensor({7.0f, 8.0f}));
    print_grad_fn("after y.index_put_({idx}, values)", y);
    y.fill_(c[0]);
    print_grad_fn("after y.fill_(0-dim tensor)", y);
    y.sqrt_();
    print_grad_fn("after y.sqrt_()", y);
    y.log_();
    print_grad_fn("after y.log_()", y);
    y.sin_();
    print_grad_fn("after y.sin_()", y);
    y.cos_();
    print_grad_fn("after y.cos_()", y);
  }
  {
    torch::Tensor y = torch::zeros({3});
    print_grad_fn("constant y", y);
    y.copy_(a);
    print_autograd("constant y after y.copy_(a)", y);
    torch::Tensor z = torch::zeros({3});
    z.mul_(a);
    print_autograd("constant z after z.mul_(a)", z);
    torch::Tensor w = torch::zeros({2, 3});
    w[0].copy_(a);
    print_autograd("w after w[0].copy_(a)", w);
  }
  {
    torch::Tensor base = m * 1;
    torch::Tensor v = base.view({3, 2});
    print_grad_fn("v = base.view", v);
    v.mul_(2);
    print_grad_fn("v after v.mul_(2)", v);
    print_grad_fn("base after v.mul_(2)", base);
    torch::Tensor row = base[0];
    row.add_(1);
    print_grad_fn("row after base[0].add_(1)", row);
    print_grad_fn("base after base[0].add_(1)", base);
  }
  return 0;
}
