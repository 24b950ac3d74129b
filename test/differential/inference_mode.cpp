// Inference tensors: which results are inference tensors, what may be done
// with them inside and outside InferenceMode, and the exact errors.
#include "diff_print.h"

using namespace diff;
using torch::Tensor;

static void info(const char* label, const Tensor& t) {
  std::printf("%s: is_inference=%s requires_grad=%s grad_fn=%s\n", label,
              flag(t.is_inference()), flag(t.requires_grad()),
              grad_fn_name(t).c_str());
}

int main() {
  auto rg = torch::TensorOptions().requires_grad(true);
  Tensor normal = torch::ones({2, 3});
  Tensor leaf = torch::ones({2, 3}, rg);

  section("created inside InferenceMode");
  Tensor inf, inf_rg, inf_op, inf_view_of_normal, inf_view_of_inf,
      inf_from_leaf, inf_tensor_lit, inf_clone_of_normal;
  {
    torch::InferenceMode g;
    inf = torch::ones({2, 3});
    inf_rg = torch::zeros({2, 3}, rg);
    inf_op = normal * 2;
    inf_view_of_normal = normal.view({3, 2});
    inf_view_of_inf = inf.view({3, 2});
    inf_from_leaf = leaf * 2;
    inf_tensor_lit = torch::tensor({1.0f, 2.0f});
    inf_clone_of_normal = normal.clone();
    info("torch::ones", inf);
    info("torch::zeros(requires_grad)", inf_rg);
    info("normal * 2", inf_op);
    info("normal.view (view of normal tensor)", inf_view_of_normal);
    info("normal[0] (view of normal tensor)", normal[0]);
    info("inf.view (view of inference tensor)", inf_view_of_inf);
    info("inf[0]", inf[0]);
    info("inf.t()", inf.t());
    info("leaf * 2 (leaf requires grad)", inf_from_leaf);
    info("leaf.relu()", leaf.relu());
    info("torch::tensor({1, 2})", inf_tensor_lit);
    info("normal.clone()", inf_clone_of_normal);
    info("leaf.detach()", leaf.detach());
    info("inf.detach()", inf.detach());
    info("torch::arange(3)", torch::arange(3));
    info("torch::full", torch::full({2}, 1.5));
    info("torch::ones_like(normal)", torch::ones_like(normal));
    TRY("inf.add_(1) inside", inf.add_(1));
    TRY("inf.requires_grad_(true) inside", inf.requires_grad_(true));
    info("inf after requires_grad_(true) inside", inf);
    TRY("inf.requires_grad_(false) inside", inf.requires_grad_(false));
    TRY("inf._version() inside", inf._version());
    TRY("inf_view_of_inf._version() inside", inf_view_of_inf._version());
    TRY("inf_view_of_normal._version() inside",
        print_int("inf_view_of_normal._version()",
                  inf_view_of_normal._version()));
    TRY("leaf.add_(1) inside (leaf requires grad)", leaf.add_(1));
    print_int("leaf._version() after leaf.add_ inside", leaf._version());
    TRY("normal.mul_(2) inside", normal.mul_(2));
    print_int("normal._version() after normal.mul_ inside",
              normal._version());
    TRY("normal view mul_ inside", inf_view_of_normal.mul_(2));
    print_int("normal._version() after view mul_ inside", normal._version());
    {
      torch::InferenceMode off(false);
      Tensor n = torch::ones({2});
      info("torch::ones in InferenceMode(false)", n);
      info("leaf * 2 in InferenceMode(false)", leaf * 2);
      info("inf * 2 in InferenceMode(false)", inf * 2);
      TRY("inf.add_(1) in InferenceMode(false)", inf.add_(1));
    }
  }

  section("outside InferenceMode");
  // LibTorch 1.13 checks in-place updates of inference tensors after the
  // kernel ran: the op is refused with an error, but the data has changed.
  info("inf", inf);
  TRY("inf._version()", inf._version());
  TRY("inf.view._version()", inf_view_of_inf._version());
  TRY("inf[0]._version()", inf[0]._version());
  TRY("inf.add_(1)", inf.add_(1));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.mul_(2)", inf.mul_(2));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf += 1", inf += 1);
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.zero_()", inf.zero_());
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.fill_(3)", inf.fill_(3));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.copy_(normal)", inf.copy_(normal));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.relu_()", inf.relu_());
  print_tensor("  inf values after the refused op", inf);
  TRY("torch::relu_(inf)", torch::relu_(inf));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.clamp_(0, 1)", inf.clamp_(0, 1));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf.masked_fill_", inf.masked_fill_(torch::tensor({true, false, true}), 0));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf view add_(1)", inf_view_of_inf.add_(1));
  print_tensor("  inf values after the refused op", inf);
  TRY("inf[0].add_(1)", inf[0].add_(1));
  print_tensor("  inf values after the refused op", inf);
  {
    torch::NoGradGuard g;
    TRY("inf.add_(1) under NoGradGuard", inf.add_(1));
    print_tensor("  inf values after the refused op", inf);
  }
  TRY("normal.copy_(inf) (inference as source)", normal.copy_(inf));
  TRY("inf.requires_grad_(true)", inf.requires_grad_(true));
  TRY("inf.requires_grad_(false)", inf.requires_grad_(false));
  info("inf_rg (requires_grad option inside)", inf_rg);
  TRY("inf_rg.requires_grad_(false)", inf_rg.requires_grad_(false));

  section("functional ops on inference tensors outside");
  {
    Tensor r = inf * 2;
    info("inf * 2", r);
    print_int("(inf * 2)._version()", r._version());
    TRY("(inf * 2).add_(1)", r.add_(1));
    print_int("(inf * 2)._version()", r._version());
    info("inf + normal", inf + normal);
    info("inf.view({3, 2}) outside", inf.view({3, 2}));
    info("inf.detach() outside", inf.detach());
    info("inf.to(kDouble)", inf.to(torch::kDouble));
    info("inf.to(kFloat) (same dtype: same tensor)", inf.to(torch::kFloat));
    info("inf.contiguous() (same tensor)", inf.contiguous());
    info("inf.relu()", inf.relu());
    Tensor c = inf.clone();
    info("inf.clone()", c);
    print_int("clone._version()", c._version());
    TRY("clone.add_(1)", c.add_(1));
    print_int("clone._version() after add_", c._version());
    TRY("clone.requires_grad_(true)", c.requires_grad_(true));
    info("clone after requires_grad_(true)", c);
  }

  section("inference tensors with grad-requiring operands outside");
  {
    TRY("inf + leaf", info("inf + leaf", inf + leaf));
    TRY("leaf + inf", info("leaf + inf", leaf + inf));
    TRY("leaf - inf", info("leaf - inf", leaf - inf));
    TRY("leaf * inf", info("leaf * inf", leaf * inf));
    TRY("inf * leaf", info("inf * leaf", inf * leaf));
    TRY("leaf / inf", info("leaf / inf", leaf / inf));
    TRY("inf / leaf", info("inf / leaf", inf / leaf));
    TRY("leaf * 2 (no inference operand)", info("leaf * 2", leaf * 2));
    TRY("leaf.mm(inf.t())", info("leaf.mm(inf.t())", leaf.mm(inf.t())));
    TRY("torch::cat({leaf, inf})",
        info("torch::cat({leaf, inf})", torch::cat({leaf, inf})));
    TRY("torch::stack({leaf, inf})",
        info("torch::stack({leaf, inf})", torch::stack({leaf, inf})));
    TRY("torch::mse_loss(leaf, inf)",
        info("torch::mse_loss(leaf, inf)", torch::mse_loss(leaf, inf)));
    TRY("inf.relu() + leaf", info("inf.relu() + leaf", inf.relu() + leaf));
    TRY("inf.clone() * leaf", info("inf.clone() * leaf", inf.clone() * leaf));
    {
      torch::NoGradGuard g;
      TRY("leaf * inf under NoGradGuard",
          info("leaf * inf under NoGradGuard", leaf * inf));
    }
    Tensor s = inf + leaf;
    TRY("backward through inf + leaf", s.sum().backward());
    print_grad("leaf.grad", leaf);
  }

  section("modules in InferenceMode");
  {
    torch::nn::Linear lin(3, 2);
    Tensor out;
    {
      torch::InferenceMode g;
      out = lin(normal);
      info("Linear output inside", out);
      info("Linear weight inside", lin->weight);
    }
    info("Linear output outside", out);
    TRY("out.sum().backward()", out.sum().backward());
    TRY("lin(inf) outside", info("lin(inf)", lin(inf)));
    TRY("lin(inf.clone()) outside", info("lin(inf.clone())", lin(inf.clone())));
    {
      torch::InferenceMode g;
      int64_t v0 = lin->weight._version();
      lin->weight.mul_(0.5);
      print_int("weight version bump inside InferenceMode",
                lin->weight._version() - v0);
      info("weight after in-place inside", lin->weight);
    }
  }
  return 0;
}
