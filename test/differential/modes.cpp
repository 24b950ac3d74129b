// Grad mode, NoGradGuard, AutoGradMode and InferenceMode: the flags each guard
// sets, how guards nest and restore, and what results look like in each mode.
#include <thread>

#include "diff_print.h"

using namespace diff;

static void flags(const char* label) {
  std::printf("%s: grad=%s inference=%s\n", label,
              flag(torch::GradMode::is_enabled()),
              flag(c10::InferenceMode::is_enabled()));
}

// Result of x * 2 and x + 1 for a leaf x that requires grad, in the current
// mode.
static void results(const char* label, const torch::Tensor& x) {
  std::string l = label;
  torch::Tensor y = x * 2;
  torch::Tensor z = x + 1;
  print_autograd((l + " x*2").c_str(), y);
  print_flag((l + " x*2 is_inference").c_str(), y.is_inference());
  print_autograd((l + " x+1").c_str(), z);
  print_tensor((l + " x*2 values").c_str(), y);
}

int main() {
  torch::Tensor x = torch::tensor({1.0f, 2.0f, 3.0f},
                                  torch::TensorOptions().requires_grad(true));

  section("default");
  flags("default");
  print_autograd("leaf x", x);
  results("default", x);

  section("NoGradGuard");
  {
    torch::NoGradGuard g;
    flags("inside torch::NoGradGuard");
    results("no_grad", x);
    {
      torch::AutoGradMode enable(true);
      flags("inside AutoGradMode(true) in NoGradGuard");
      results("re-enabled", x);
    }
    flags("after inner AutoGradMode(true)");
  }
  flags("after NoGradGuard");
  {
    at::NoGradGuard g;
    flags("inside at::NoGradGuard");
  }
  {
    c10::NoGradGuard g;
    flags("inside c10::NoGradGuard");
  }
  flags("after c10::NoGradGuard");

  section("AutoGradMode");
  {
    c10::AutoGradMode off(false);
    flags("AutoGradMode(false)");
    results("autograd_off", x);
    {
      c10::AutoGradMode on(true);
      flags("AutoGradMode(true) in AutoGradMode(false)");
      {
        torch::AutoGradMode off2(false);
        flags("AutoGradMode(false) in (true) in (false)");
      }
      flags("back in AutoGradMode(true)");
    }
    flags("back in AutoGradMode(false)");
    {
      c10::AutoGradMode still_off(false);
      flags("AutoGradMode(false) twice");
    }
    flags("back in outer AutoGradMode(false)");
  }
  flags("after AutoGradMode(false)");
  {
    c10::AutoGradMode on(true);
    flags("AutoGradMode(true) at top level");
  }
  {
    bool runtime_flag = x.numel() == 3;  // a non-constant argument
    torch::AutoGradMode g(!runtime_flag);
    flags("AutoGradMode(runtime false)");
  }

  section("InferenceMode");
  {
    c10::InferenceMode im;
    flags("InferenceMode");
    results("inference", x);
    {
      c10::InferenceMode off(false);
      flags("InferenceMode(false) in InferenceMode");
      results("inference_off", x);
      {
        torch::InferenceMode on(true);
        flags("InferenceMode(true) in (false) in InferenceMode");
      }
      flags("back in InferenceMode(false)");
    }
    flags("back in InferenceMode");
    {
      torch::AutoGradMode on(true);
      flags("AutoGradMode(true) in InferenceMode");
      results("grad_on_in_inference", x);
    }
    {
      torch::NoGradGuard g;
      flags("NoGradGuard in InferenceMode");
    }
    flags("back in InferenceMode after guards");
  }
  flags("after InferenceMode");
  {
    torch::InferenceMode off(false);
    flags("InferenceMode(false) at top level");
    results("top_inference_off", x);
  }
  {
    torch::NoGradGuard g;
    {
      torch::InferenceMode off(false);
      flags("InferenceMode(false) in NoGradGuard");
      results("inference_off_in_no_grad", x);
    }
    flags("back in NoGradGuard");
    {
      torch::InferenceMode on;
      flags("InferenceMode in NoGradGuard");
    }
    flags("back in NoGradGuard after InferenceMode");
  }
  flags("after all");

  section("thread-local");
  {
    torch::NoGradGuard g;
    bool grad_in_thread = false;
    bool inference_in_thread = true;
    std::thread t([&] {
      grad_in_thread = torch::GradMode::is_enabled();
      inference_in_thread = c10::InferenceMode::is_enabled();
    });
    t.join();
    print_flag("other thread grad while main in NoGradGuard", grad_in_thread);
    print_flag("other thread inference while main in NoGradGuard",
               inference_in_thread);
    flags("main thread");
  }
  {
    torch::InferenceMode im;
    bool grad_in_thread = false;
    bool inference_in_thread = true;
    std::thread t([&] {
      grad_in_thread = torch::GradMode::is_enabled();
      inference_in_thread = c10::InferenceMode::is_enabled();
    });
    t.join();
    print_flag("other thread grad while main in InferenceMode",
               grad_in_thread);
    print_flag("other thread inference while main in InferenceMode",
               inference_in_thread);
  }

  section("results used later");
  {
    torch::Tensor a;
    {
      torch::NoGradGuard g;
      a = x * 3;
    }
    print_autograd("no_grad result outside", a);
    torch::Tensor b = a * x;
    print_autograd("no_grad result * x outside", b);
    TRY("backward through no_grad result", b.sum().backward());
    print_grad("x.grad", x);
    torch::Tensor c;
    {
      torch::InferenceMode im;
      c = torch::ones({3});
    }
    print_flag("inference result is_inference", c.is_inference());
    print_autograd("inference result", c);
    torch::Tensor d = c + x;
    print_autograd("inference result + x", d);
    print_flag("inference result + x is_inference", d.is_inference());
  }
  return 0;
}
