"""Random programs over the LibTorch API torch-tidy's runtime claims.

A program is a list of cases; a case is a list of steps over tensor variables
t0, t1, ... (declared at the top of the case, so a tensor made inside a guard
scope is used after it). Each step is one statement and the tensors it made or
touched are printed after it (fuzz_harness.h). Steps carry the guard scopes
they run in, the variables they define and use, and a short `kind` naming the
operation, which the driver uses to group divergences into families.

Everything is drawn from random.Random(f"{seed}:{case}"): a case is the same
whatever else the program holds, so a divergent case can be rebuilt alone and
minimized step by step.
"""

import random
from dataclasses import dataclass, field, replace

FLOAT = ("Float", "Double")
GUARDS = {
    "nograd": "torch::NoGradGuard {g};",
    "gradoff": "torch::AutoGradMode {g}(false);",
    "gradon": "torch::AutoGradMode {g}(true);",
    "inference": "c10::InferenceMode {g};",
    "inference_off": "c10::InferenceMode {g}(false);",
}
# The feature groups a program may draw from (--features).
FEATURES = ("factory", "unary", "binary", "matmul", "reduce", "view", "join",
            "convert", "inplace", "guard", "backward", "grad", "index", "random",
            "loss", "module", "double")


@dataclass
class Var:
    name: str
    shape: tuple
    dtype: str
    root: str          # views share their base's root (storage lineage)
    leaf_rg: bool = False  # made by a factory with requires_grad_()


@dataclass
class Step:
    index: int
    kind: str
    guards: tuple      # ((scope id, guard kind), ...), outermost first
    code: str          # C++ statements; `c` and `s` are the case and step
    defines: tuple = ()
    uses: tuple = ()
    observe: tuple = ()  # variables printed after the step
    grads: tuple = ()    # leaves whose .grad is printed after the step
    values: bool = True  # False once a random fill made values unknowable
    modules: tuple = ()  # module variables (m0, ...) the step uses


@dataclass
class Case:
    index: int
    seed: int
    steps: list = field(default_factory=list)

    def variables(self):
        names = {n for s in self.steps for n in s.defines + s.uses
                 if n.startswith("t")}
        return sorted(names, key=lambda n: int(n[1:]))

    def module_variables(self):
        """(name, C++ type) of the modules the steps use."""
        seen = {}
        for s in self.steps:
            for name, kind in s.modules:
                seen[name] = kind
        return sorted(seen.items())


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def broadcast(a, b):
    """The broadcast shape of a and b, or None."""
    out = []
    for i in range(max(len(a), len(b))):
        x = a[len(a) - 1 - i] if i < len(a) else 1
        y = b[len(b) - 1 - i] if i < len(b) else 1
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y) if 1 in (x, y) else x)
    return tuple(reversed(out))


def promote(a, b):
    order = ["Bool", "Long", "Float", "Double"]
    return max(a, b, key=order.index)


def shape_list(shape):
    return "{" + ", ".join(str(d) for d in shape) + "}"


class CaseGen:
    def __init__(self, seed, index, features, steps):
        self.rng = random.Random(f"{seed}:{index}")
        self.case = Case(index, seed)
        self.features = features
        self.target_steps = steps
        self.vars = {}
        self.guards = ()
        self.next_scope = 0
        self.values = True
        self.modules = {}  # name -> (C++ type, in features, parameter names)

    # -- helpers ----------------------------------------------------------
    def fresh(self):
        return f"t{len(self.vars)}"

    def pick(self, pred=lambda v: True):
        cands = [v for v in self.vars.values() if pred(v)]
        return self.rng.choice(cands) if cands else None

    def random_shape(self):
        dims = self.rng.choice([0, 1, 1, 2, 2, 2, 3])
        while True:
            shape = tuple(self.rng.choice([1, 2, 3, 4]) for _ in range(dims))
            if numel(shape) <= 24:
                return shape

    def literal(self, shape, dtype="Float"):
        """A fresh tensor of known, varied values (no graph)."""
        n = max(numel(shape), 1)
        shift = self.rng.randint(0, n)
        if dtype in FLOAT:
            scale = self.rng.choice(["0.5", "0.25", "1.5", "-0.75"])
            return (f"torch::arange(0, {n}, torch::k{dtype}).reshape({shape_list(shape)})"
                    f".sub({shift}).mul({scale})")
        if dtype == "Long":
            return f"torch::arange(0, {n}, torch::kLong).reshape({shape_list(shape)}).sub({shift})"
        return f"torch::arange(0, {n}, torch::kFloat).reshape({shape_list(shape)}).gt({shift})"

    def add(self, kind, code, defines=(), uses=(), observe=(), grads=(), modules=()):
        self.case.steps.append(Step(len(self.case.steps), kind, self.guards, code,
                                    tuple(defines), tuple(uses), tuple(observe),
                                    tuple(grads), self.values, tuple(modules)))

    def define(self, kind, expr, shape, dtype, uses, root=None, leaf_rg=False, modules=()):
        name = self.fresh()
        self.vars[name] = Var(name, tuple(shape), dtype, root or name, leaf_rg)
        self.add(kind, f"{name} = {expr};", (name,), uses, (name,), modules=modules)
        return name

    def aliases(self, var):
        return tuple(v.name for v in self.vars.values() if v.root == var.root)

    def other_for(self, shape, exact=False):
        """(expression, uses, shape) of a second operand broadcastable with
        `shape` (equal to it after broadcasting when `exact`)."""
        def fits(v):
            b = broadcast(shape, v.shape)
            return b is not None and (not exact or b == shape)
        v = self.pick(lambda v: fits(v) and v.dtype in FLOAT)
        if v and self.rng.random() < 0.6:
            return v.name, (v.name,), broadcast(shape, v.shape)
        sub = shape[self.rng.randint(0, len(shape)):] if shape else ()
        if self.rng.random() < 0.5:
            sub = tuple(1 if self.rng.random() < 0.3 else d for d in sub)
        return self.literal(sub), (), broadcast(shape, sub)

    # -- steps ------------------------------------------------------------
    def step_factory(self):
        shape = self.random_shape()
        dtype = self.rng.choices(["Float", "Double", "Long", "Bool"], [70, 10, 12, 8])[0]
        kind = self.rng.choice(["arange", "arange", "ones", "zeros", "full"])
        if kind == "arange":
            expr = self.literal(shape, dtype)
        elif dtype == "Bool":
            expr = f"torch::ones({shape_list(shape)}, torch::kBool)"
        elif kind == "full":
            expr = f"torch::full({shape_list(shape)}, 1.5, torch::k{dtype})"
        else:
            expr = f"torch::{kind}({shape_list(shape)}, torch::k{dtype})"
        rg = dtype in FLOAT and self.rng.random() < 0.7
        if rg:
            expr += ".requires_grad_()"
        self.define(f"factory:{kind}", expr, shape, dtype, (), leaf_rg=rg)

    def softmax_dim(self, a):
        return self.rng.randint(-1, max(len(a.shape) - 1, 0)) if a.shape else 0

    UNARY = ["neg()", "exp()", "log()", "sqrt()", "sigmoid()", "tanh()", "relu()",
             "abs()", "sin()", "cos()", "pow(2)", "pow(0.5)", "pow(3)",
             "clamp(-0.5, 0.5)", "clamp_min(0.1)", "clamp_max(0.2)"]

    def step_unary(self):
        a = self.pick(lambda v: v.dtype != "Bool")
        if not a:
            return self.step_factory()
        op = self.rng.choice(self.UNARY + ["softmax", "log_softmax", "free", "F_softmax"])
        dtype = a.dtype if a.dtype in FLOAT else "Float"
        if op in ("softmax", "log_softmax"):
            expr, kind = f"{a.name}.{op}({self.softmax_dim(a)})", op
        elif op == "F_softmax":
            d = self.softmax_dim(a)
            f = self.rng.choice(["softmax", "log_softmax"])
            opts = "SoftmaxFuncOptions" if f == "softmax" else "LogSoftmaxFuncOptions"
            expr, kind = (f"torch::nn::functional::{f}({a.name}, "
                          f"torch::nn::functional::{opts}({d}))"), f"F_{f}"
        elif op == "free":
            f = self.rng.choice(["relu", "sigmoid", "tanh", "exp", "neg", "abs"])
            expr, kind = f"torch::{f}({a.name})", f"free:{f}"
        else:
            expr, kind = f"{a.name}.{op}", op.split("(")[0]
            if op in ("neg()", "relu()", "abs()") or op.startswith("clamp"):
                dtype = a.dtype
        self.define(f"unary:{kind}", expr, a.shape, dtype, (a.name,))

    BINARY = ["add", "sub", "mul", "div", "pow", "add_alpha", "operator", "free",
              "scalar", "compare", "where", "masked_fill", "where_scalar", "where_method",
              "masked_fill_tensor", "clamp_tensor", "int_alpha"]

    def step_binary(self):
        a = self.pick(lambda v: v.dtype != "Bool")
        if not a:
            return self.step_factory()
        op = self.rng.choice(self.BINARY)
        bad = self.rng.random() < 0.05
        b, uses, shape = self.other_for(a.shape)
        if bad:
            b, uses, shape = self.literal((5,)), (), a.shape
        uses = (a.name,) + uses
        dtype = a.dtype if a.dtype in FLOAT else "Float"
        if op in ("add", "sub", "mul", "div", "pow"):
            expr = f"{a.name}.{op}({b})"
        elif op == "add_alpha":
            expr = f"{a.name}.{self.rng.choice(['add', 'sub'])}({b}, {self.rng.choice([2, 0.5])})"
        elif op == "operator":
            expr = f"{a.name} {self.rng.choice('+-*/')} {b}"
        elif op == "free":
            expr = f"torch::{self.rng.choice(['add', 'sub', 'mul', 'div'])}({a.name}, {b})"
        elif op == "scalar":
            f = self.rng.choice(["add", "sub", "mul", "div"])
            expr, shape, uses = f"{a.name}.{f}({self.rng.choice([2, 0.5, -1.5])})", a.shape, (a.name,)
            dtype = a.dtype if f != "div" else dtype
        elif op == "compare":
            f = self.rng.choice(["gt", "lt", "eq"])
            expr, dtype = f"{a.name}.{f}({b})", "Bool"
        elif op == "where":
            expr = f"torch::where({a.name}.gt(0), {a.name}, {b})"
        elif op == "where_scalar":
            expr, shape, uses = f"torch::where({a.name}.gt(0), {a.name}, 0.5)", a.shape, (a.name,)
        elif op == "where_method":
            expr = f"{a.name}.where({a.name}.gt(0), {b})"
        elif op == "masked_fill_tensor":
            expr, shape, uses = (f"{a.name}.masked_fill({a.name}.gt(0.5), "
                                 f"torch::full({{}}, 2.5, torch::k{dtype}))", a.shape, (a.name,))
        elif op == "clamp_tensor":
            expr = f"{a.name}.clamp({b}.sub(0.5), {b}.add(0.5))"
        elif op == "int_alpha":
            lit = f"torch::ones({shape_list(a.shape)}, torch::k{a.dtype})"
            expr, shape, uses = f"{a.name}.add({lit}, 0.5)", a.shape, (a.name,)
            dtype = a.dtype
        else:
            expr, shape, uses = (f"{a.name}.masked_fill({a.name}.gt(0.5), {self.rng.choice([0, 1.5])})",
                                 a.shape, (a.name,))
        self.define(f"binary:{op}", expr, shape or a.shape, dtype, uses)

    def step_matmul(self):
        a = self.pick(lambda v: v.dtype in FLOAT and 1 <= len(v.shape) <= 3)
        if not a:
            return self.step_factory()
        k = a.shape[-1]
        m = self.rng.choice([1, 2, 3])
        if len(a.shape) == 1:
            bshape = self.rng.choice([(k,), (k, m)])
        elif len(a.shape) == 2:
            bshape = self.rng.choice([(k,), (k, m)])
        else:
            bshape = self.rng.choice([(k, m), (a.shape[0], k, m)])
        if self.rng.random() < 0.05:
            bshape = (k + 1, m)
        b = self.pick(lambda v: v.shape == bshape and v.dtype == a.dtype)
        bexpr, uses = (b.name, (a.name, b.name)) if b else (self.literal(bshape, a.dtype), (a.name,))
        op = "mm" if len(a.shape) == 2 and len(bshape) == 2 and self.rng.random() < 0.4 else "matmul"
        out = tuple(a.shape[:-1]) + tuple(bshape[:-2]) + (tuple(bshape[-1:]) if len(bshape) > 1 else ())
        if len(a.shape) == 3 and len(bshape) == 3:
            out = (a.shape[0], a.shape[1], m)
        self.define(f"matmul:{op}:{len(a.shape)}x{len(bshape)}",
                    f"{a.name}.{op}({bexpr})", out, a.dtype, uses)

    def step_reduce(self):
        a = self.pick(lambda v: v.dtype != "Bool")
        if not a:
            return self.step_factory()
        op = self.rng.choice(["sum", "mean", "max", "min", "sum_dim", "mean_dim",
                              "max_dim", "min_dim", "argmax", "argmax_dim"])
        nd = len(a.shape)
        d = self.rng.randint(-nd, nd - 1) if nd else 0
        kd = self.rng.choice(["true", "false"])
        dshape = tuple(1 if i == d % max(nd, 1) else s for i, s in enumerate(a.shape)) \
            if kd == "true" else tuple(s for i, s in enumerate(a.shape) if i != d % max(nd, 1))
        dtype = a.dtype if a.dtype in FLOAT or op not in ("mean", "mean_dim") else "Float"
        if op in ("sum", "mean", "max", "min"):
            expr, shape = f"{a.name}.{op}()", ()
        elif op in ("sum_dim", "mean_dim"):
            expr, shape = f"{a.name}.{op[:-4]}({{{d}}}, {kd})", dshape
        elif op in ("max_dim", "min_dim"):
            which = self.rng.choice([0, 1])
            expr, shape = f"std::get<{which}>({a.name}.{op[:3]}({d}, {kd}))", dshape
            if which:
                dtype = "Long"
        elif op == "argmax":
            expr, shape, dtype = f"{a.name}.argmax()", (), "Long"
        else:
            expr, shape, dtype = f"{a.name}.argmax({d}, {kd})", dshape, "Long"
        self.define(f"reduce:{op}", expr, shape, dtype, (a.name,))

    def step_view(self):
        a = self.pick()
        if not a:
            return self.step_factory()
        s, nd, r = a.shape, len(a.shape), self.rng
        ops = ["view", "reshape", "unsqueeze", "flatten", "detach", "expand", "squeeze",
               "none_index"]
        if nd:
            ops += ["select", "index", "narrow", "squeeze_dim", "slice"]
        if nd >= 2:
            ops += ["transpose", "t", "permute"] if nd == 2 else ["transpose", "permute"]
        op = r.choice(ops)
        d = r.randint(0, nd - 1) if nd else 0
        if op in ("view", "reshape"):
            n = numel(s)
            shape = r.choice([(n,), (1, n), (n, 1)] + ([(s[-1], n // s[-1])] if nd and s[-1] else []))
            expr = f"{a.name}.{op}({shape_list(shape)})"
        elif op == "unsqueeze":
            d = r.randint(0, nd)
            shape, expr = s[:d] + (1,) + s[d:], f"{a.name}.unsqueeze({d})"
        elif op == "none_index":
            shape, expr = (1,) + s, f"{a.name}.index({{torch::indexing::None}})"
        elif op == "flatten":
            shape, expr = (numel(s),), f"{a.name}.flatten()"
        elif op == "detach":
            shape, expr = s, f"{a.name}.detach()"
        elif op == "expand":
            shape = tuple(r.choice([2, 3]) if x == 1 else x for x in s)
            if r.random() < 0.5:
                shape = (2,) + shape
            expr = f"{a.name}.expand({shape_list(shape)})"
        elif op == "squeeze":
            shape, expr = tuple(x for x in s if x != 1), f"{a.name}.squeeze()"
        elif op == "select":
            i = r.randint(-s[d], s[d] - 1)
            shape, expr = s[:d] + s[d + 1:], f"{a.name}.select({d}, {i})"
        elif op == "index":
            shape, expr = s[1:], f"{a.name}[{r.randint(0, s[0] - 1)}]"
        elif op == "narrow":
            st = r.randint(0, s[d] - 1)
            ln = r.randint(1, s[d] - st)
            shape, expr = s[:d] + (ln,) + s[d + 1:], f"{a.name}.narrow({d}, {st}, {ln})"
        elif op == "slice":
            st = r.randint(0, s[0] - 1)
            shape = (s[0] - st,) + s[1:]
            expr = f"{a.name}.index({{torch::indexing::Slice({st}, {s[0]})}})"
        elif op == "squeeze_dim":
            shape = s[:d] + s[d + 1:] if s[d] == 1 else s
            expr = f"{a.name}.squeeze({d})"
        elif op in ("transpose", "t"):
            d2 = r.randint(0, nd - 1)
            shape = list(s)
            shape[d], shape[d2] = shape[d2], shape[d]
            if op == "t":
                d, d2, shape = 0, 1, [s[1], s[0]]
            expr = f"{a.name}.t()" if op == "t" else f"{a.name}.transpose({d}, {d2})"
            shape = tuple(shape)
        else:
            perm = list(range(nd))
            r.shuffle(perm)
            shape = tuple(s[p] for p in perm)
            expr = f"{a.name}.permute({shape_list(perm)})"
        root = None if op == "reshape" else a.root
        self.define(f"view:{op}", expr, shape, a.dtype, (a.name,), root=root)

    def step_join(self):
        a = self.pick(lambda v: v.dtype in FLOAT and v.shape)
        if not a:
            return self.step_factory()
        b = self.pick(lambda v: v.shape == a.shape and v.dtype == a.dtype)
        bexpr, uses = (b.name, (a.name, b.name)) if b else (self.literal(a.shape, a.dtype), (a.name,))
        d = self.rng.randint(0, len(a.shape) - 1)
        if self.rng.random() < 0.5:
            shape = tuple(x * 2 if i == d else x for i, x in enumerate(a.shape))
            self.define("join:cat", f"torch::cat({{{a.name}, {bexpr}}}, {d})", shape, a.dtype, uses)
        else:
            shape = a.shape[:d] + (2,) + a.shape[d:]
            self.define("join:stack", f"torch::stack({{{a.name}, {bexpr}}}, {d})", shape, a.dtype, uses)

    def step_convert(self):
        a = self.pick()
        if not a:
            return self.step_factory()
        op = self.rng.choice(["clone", "contiguous", "to", "to_copy"])
        if op == "to_copy":
            return self.define("convert:to_copy", f"{a.name}.to(torch::k{a.dtype}, false, true)",
                               a.shape, a.dtype, (a.name,))
        if op == "to":
            dtype = self.rng.choice(["Float", "Double", "Long"])
            self.define(f"convert:to{dtype}", f"{a.name}.to(torch::k{dtype})", a.shape, dtype,
                        (a.name,), root=a.root if dtype == a.dtype else None)
        else:
            self.define(f"convert:{op}", f"{a.name}.{op}()", a.shape, a.dtype, (a.name,),
                        root=a.root if op == "contiguous" else None)

    INPLACE_UNARY = ["neg_()", "exp_()", "log_()", "sqrt_()", "sigmoid_()", "tanh_()",
                     "relu_()", "abs_()", "sin_()", "cos_()", "pow_(2)", "clamp_(-1, 1)",
                     "zero_()", "fill_(2)", "add_(1.5)", "mul_(2)", "div_(2)", "sub_(1, 2)"]

    def step_inplace(self):
        a = self.pick(lambda v: v.dtype in FLOAT)
        if not a:
            return self.step_factory()
        r = self.rng
        op = r.choice(["unary", "unary", "tensor", "tensor", "self", "copy", "masked",
                       "operator", "squeeze", "detach", "requires_grad", "restride",
                       "masked_tensor"])
        uses = (a.name,)
        if op == "unary":
            call = r.choice(self.INPLACE_UNARY)
            code, kind = f"{a.name}.{call};", call.split("(")[0]
        elif op == "tensor":
            b, more, _ = self.other_for(a.shape, exact=True)
            f = r.choice(["add_", "sub_", "mul_", "div_"])
            code, kind, uses = f"{a.name}.{f}({b});", f"{f}(tensor)", uses + more
        elif op == "self":
            f = r.choice(["mul_", "div_", "add_", "sub_"])
            code, kind = f"{a.name}.{f}({a.name});", f"{f}(self)"
        elif op == "copy":
            b, more, _ = self.other_for(a.shape, exact=True)
            code, kind, uses = f"{a.name}.copy_({b});", "copy_", uses + more
        elif op == "masked":
            code, kind = f"{a.name}.masked_fill_({a.name}.gt(0), 0.5);", "masked_fill_"
        elif op == "operator":
            b, more, _ = self.other_for(a.shape, exact=True)
            o = r.choice(["+=", "-=", "*=", "/="])
            code, kind, uses = f"{a.name} {o} {b};", f"operator{o}", uses + more
        elif op == "squeeze":
            if not a.shape:
                return self.step_view()
            d = r.randint(0, len(a.shape) - 1)
            code, kind = f"{a.name}.squeeze_({d});", "squeeze_"
            if a.shape[d] == 1:
                a.shape = a.shape[:d] + a.shape[d + 1:]
        elif op == "restride":
            nd = len(a.shape)
            choice = r.choice(["unsqueeze_", "transpose_", "t_"] if nd else ["unsqueeze_", "t_"])
            if choice == "unsqueeze_":
                d = r.randint(0, nd)
                code, a.shape = f"{a.name}.unsqueeze_({d});", a.shape[:d] + (1,) + a.shape[d:]
            elif choice == "transpose_":
                d0, d1 = r.randint(0, nd - 1), r.randint(0, nd - 1)
                shape = list(a.shape)
                shape[d0], shape[d1] = shape[d1], shape[d0]
                code, a.shape = f"{a.name}.transpose_({d0}, {d1});", tuple(shape)
            else:
                code = f"{a.name}.t_();"
                if nd == 2:
                    a.shape = (a.shape[1], a.shape[0])
            kind = choice
        elif op == "masked_tensor":
            code = f"{a.name}.masked_fill_({a.name}.lt(0), torch::full({{}}, -2.0, torch::k{a.dtype}));"
            kind = "masked_fill_(tensor)"
        elif op == "detach":
            code, kind = f"{a.name}.detach_();", "detach_"
        else:
            flag = r.choice(["true", "false"])
            code, kind = f"{a.name}.requires_grad_({flag});", f"requires_grad_({flag})"
        self.add(f"inplace:{kind}", code, (), uses, self.aliases(a))

    def leaves(self):
        params = tuple(f"{m}->{p}" for m, (_, _, ps) in self.modules.items() for p in ps)
        return tuple(v.name for v in self.vars.values() if v.leaf_rg) + params

    def step_index(self):
        a = self.pick(lambda v: v.dtype in FLOAT and v.shape)
        if not a:
            return self.step_factory()
        r = self.rng
        op = r.choice(["mask_sum", "put_mask", "put_mask_tensor", "put_int", "put_slice"])
        if op == "mask_sum":
            return self.define("index:mask", f"{a.name}.index({{{a.name}.gt(0)}}).sum()",
                               (), a.dtype, (a.name,))
        if op == "put_mask":
            idx, value = f"{a.name}.gt(0)", r.choice(["0", "2.5"])
        elif op == "put_mask_tensor":
            idx, value = f"{a.name}.lt(0.5)", f"torch::full({{}}, 1.5, torch::k{a.dtype})"
        elif op == "put_int":
            idx, value = str(r.randint(0, a.shape[0] - 1)), "-1"
        else:
            idx = f"torch::indexing::Slice(0, {r.randint(1, a.shape[0])})"
            value = "0.5"
        self.add(f"index:{op}", f"{a.name}.index_put_({{{idx}}}, {value});", (),
                 (a.name,), self.aliases(a))

    def step_random(self):
        a = self.pick(lambda v: v.dtype in FLOAT)
        if not a:
            return self.step_factory()
        call = self.rng.choice(["uniform_()", "normal_()", "bernoulli_(0.5)", "uniform_(-1, 1)"])
        self.values = False  # from here on values are not comparable
        self.add(f"random:{call.split('(')[0]}", f"{a.name}.{call};", (), (a.name,),
                 self.aliases(a))

    def step_loss(self):
        a = self.pick(lambda v: v.dtype != "Bool" and len(v.shape) == 2)
        if not a:
            return self.step_matmul()
        n, c = a.shape
        r = self.rng
        op = r.choice(["mse", "mse_sum", "cross_entropy", "nll", "F_cross_entropy"])
        target = f"torch::arange(0, {n}, torch::kLong).clamp_max({c - 1})"
        if op == "mse":
            expr = f"torch::mse_loss({a.name}, torch::zeros({shape_list(a.shape)}))"
        elif op == "mse_sum":
            expr = (f"torch::nn::functional::mse_loss({a.name}, torch::ones({shape_list(a.shape)}), "
                    f"torch::nn::functional::MSELossFuncOptions(torch::kSum))")
        elif op == "cross_entropy":
            expr = f"torch::cross_entropy_loss({a.name}, {target})"
        elif op == "nll":
            expr = f"torch::nll_loss({a.name}.log_softmax(1), {target})"
        else:
            expr = f"torch::nn::functional::cross_entropy({a.name}, {target})"
        self.define(f"loss:{op}", expr, (), "Float" if a.dtype != "Double" else "Double",
                    (a.name,))

    def step_module(self):
        r = self.rng
        if self.modules and r.random() < 0.7:
            name = r.choice(sorted(self.modules))
            kind, features, _ = self.modules[name]
            act = r.choice(["forward", "forward", "eval", "train"])
            if act != "forward":
                return self.add(f"module:{act}", f"{name}->{act}();", (), (name,), (),
                                modules=((name, kind),))
            x = self.pick(lambda v: v.dtype == "Float" and len(v.shape) == 2
                          and v.shape[1] == features)
            xexpr, uses = (x.name, (x.name,)) if x else (self.literal((2, features)), ())
            out = 2 if kind == "torch::nn::Linear" else features
            nrows = x.shape[0] if x else 2
            return self.define(f"module:forward:{kind.split('::')[-1]}",
                               f"{name}->forward({xexpr})", (nrows, out), "Float",
                               uses + (name,), modules=((name, kind),))
        name = f"m{len(self.modules)}"
        features = r.choice([2, 3])
        kind = r.choice(["torch::nn::Linear", "torch::nn::Dropout", "torch::nn::BatchNorm1d"])
        if kind == "torch::nn::Linear":
            init = (f"{name} = torch::nn::Linear({features}, 2); "
                    f"{{ torch::NoGradGuard ng; {name}->weight.copy_("
                    f"torch::arange(0, {2 * features}, torch::kFloat).reshape({{2, {features}}}).sub(2).mul(0.5)); "
                    f"{name}->bias.fill_(0.25); }}")
            params = ("weight", "bias")
        elif kind == "torch::nn::Dropout":
            init = f"{name} = torch::nn::Dropout({r.choice(['0.0', '1.0'])});"
            params = ()
        else:
            init = f"{name} = torch::nn::BatchNorm1d({features});"
            params = ("weight", "bias")
        self.modules[name] = (kind, features, params)
        obs = " ".join(f'fuzz::obs(c, s, "{name}.{p}", {name}->{p});' for p in params)
        self.add(f"module:new:{kind.split('::')[-1]}", f"{init} {obs}", (name,), (), (),
                 modules=((name, kind),))

    def step_backward(self):
        a = self.pick(lambda v: v.dtype in FLOAT and v.name not in self.leaves()) or \
            self.pick(lambda v: v.dtype in FLOAT)
        if not a:
            return self.step_factory()
        r = self.rng
        retain = r.choice(["", "{}, true"])
        target = f"{a.name}.sum()" if a.shape or r.random() < 0.5 else a.name
        kind = "retain" if retain else "plain"
        leaves = self.leaves()
        if leaves and r.random() < 0.1:
            chosen = sorted(set(r.sample(leaves, min(len(leaves), 2))))
            return self.add("backward:inputs",
                            f"{a.name}.sum().backward({{}}, false, false, "
                            f"std::vector<torch::Tensor>{{{', '.join(chosen)}}});",
                            (), (a.name, *chosen), (), leaves)
        if r.random() < 0.2:
            # An explicit gradient: ones, sometimes of another dtype or shape.
            grad = r.choice([f"torch::ones_like({a.name})",
                             f"torch::ones_like({a.name}).to(torch::kDouble)",
                             f"torch::ones({{5}})"])
            target, retain, kind = a.name, grad, "gradient"
        self.add("backward:" + kind, f"{target}.backward({retain});", (), (a.name,), (),
                 self.leaves())

    def step_grad(self):
        a = self.pick(lambda v: v.dtype in FLOAT)
        leaves = self.leaves()
        if not a or not leaves:
            return self.step_backward()
        inputs = sorted(set(self.rng.sample(leaves, min(len(leaves), self.rng.randint(1, 2)))))
        retain = self.rng.choice(["true", "false"])
        unused = self.rng.choice(["true", "false"])
        # create_graph (feature group "double"): the gradients get a history
        # of their own (the double-backward node names), and a second grad
        # goes through them. Drawn only when the group is on, so the other
        # groups' cases stay the same.
        create = "double" in self.features and self.rng.random() < 0.25
        v = "" if self.values else ", false"
        obs = " ".join(f'fuzz::obs_grad_result(c, s, "g{i}", gs[{i}]{v});'
                       for i in range(len(inputs)))
        code = (f"auto gs = torch::autograd::grad({{{a.name}.sum()}}, {{{', '.join(inputs)}}}, "
                f"{{}}, {retain}, {'true' if create else 'false'}, {unused}); {obs}")
        if create:
            code += (f" if (gs[0].defined() && gs[0].requires_grad()) {{ auto gg = "
                     f"torch::autograd::grad({{gs[0].sum()}}, {{{inputs[0]}}}, {{}}, "
                     f"true, false, true); fuzz::obs_grad_result(c, s, \"gg\", gg[0]{v}); }}")
        self.add("grad:create_graph" if create else "grad", code, (),
                 (a.name,) + tuple(inputs))

    def toggle_guard(self):
        if self.guards and (len(self.guards) >= 2 or self.rng.random() < 0.5):
            self.guards = self.guards[:-1]
            return
        kind = self.rng.choices(list(GUARDS), [35, 15, 10, 30, 10])[0]
        self.guards = self.guards + ((self.next_scope, kind),)
        self.next_scope += 1

    WEIGHTS = {"factory": 10, "unary": 10, "binary": 12, "matmul": 4, "reduce": 8,
               "view": 12, "join": 3, "convert": 4, "inplace": 14, "backward": 6,
               "grad": 3, "index": 4, "random": 1, "loss": 3, "module": 5}

    def generate(self):
        kinds = [k for k in self.WEIGHTS if k in self.features]
        weights = [self.WEIGHTS[k] for k in kinds]
        while len(self.case.steps) < self.target_steps:
            if "guard" in self.features and self.rng.random() < 0.15:
                self.toggle_guard()
            if len(self.vars) < 2 and "factory" in self.features:
                self.step_factory()
                continue
            getattr(self, "step_" + self.rng.choices(kinds, weights)[0])()
        return self.case


def generate(seed, count, steps=12, features=FEATURES, first=0):
    return [CaseGen(seed, i, features, steps).generate() for i in range(first, first + count)]


def without(case, drop):
    """The case without the steps in `drop` and every step that uses what
    they defined (directly or not)."""
    gone = set(drop)
    dead = set()
    for s in case.steps:
        # `m0->weight` depends on the step that made m0.
        uses = {u.split("->")[0] for u in s.uses}
        if s.index in gone or dead & uses:
            gone.add(s.index)
            dead |= set(s.defines)
    kept = [s for s in case.steps if s.index not in gone]
    alive = {n for s in kept for n in s.defines}
    alive |= {f"{m}->{p}" for s in kept if s.kind.startswith("module:new")
              for m, _ in s.modules for p in ("weight", "bias")}
    return replace(case, steps=[
        replace(s, observe=tuple(n for n in s.observe if n in alive),
                grads=tuple(n for n in s.grads if n in alive)) for s in kept])


def emit_case(case, number):
    out = [f"// seed {case.seed}, case {case.index}",
           f"static void case_{number}() {{",
           f"  const int c = {case.index};"]
    names = case.variables()
    if names:
        out.append("  torch::Tensor " + ", ".join(names) + ";")
    for name, kind in case.module_variables():
        out.append(f"  {kind} {name}{{nullptr}};")
    open_scopes = ()
    for st in case.steps:
        common = 0
        while (common < min(len(open_scopes), len(st.guards))
               and open_scopes[common] == st.guards[common]):
            common += 1
        for _ in range(len(open_scopes) - common):
            out.append("  " * (len(open_scopes)) + "}")
            open_scopes = open_scopes[:-1]
        for scope, kind in st.guards[common:]:
            out.append("  " * (len(open_scopes) + 1) + "{")
            open_scopes = open_scopes + ((scope, kind),)
            out.append("  " * (len(open_scopes) + 1) + GUARDS[kind].format(g=f"g{scope}"))
        pad = "  " * (len(open_scopes) + 1)
        v = "" if st.values else ", false"
        obs = "".join(f' fuzz::obs(c, s, "{n}", {n}{v});' for n in st.observe)
        obs += "".join(f' fuzz::obs_grad(c, s, "{n}", {n}{v});' for n in st.grads)
        out.append(f"{pad}if (!fuzz::step(c, {st.index}, [&] {{ const int s = {st.index}; "
                   f"{st.code}{obs} }})) return;  // {st.kind}")
    for i in range(len(open_scopes), 0, -1):
        out.append("  " * i + "}")
    out.append("}")
    return "\n".join(out)


def emit(cases):
    body = "\n\n".join(emit_case(c, i) for i, c in enumerate(cases))
    table = ", ".join(f"case_{i}" for i in range(len(cases)))
    return ("// Generated by test/fuzz/program.py; do not edit.\n"
            '#include "fuzz_harness.h"\n\n'
            "#if defined(__clang__)\n#pragma clang diagnostic ignored \"-Wunused-variable\"\n#endif\n\n"
            f"{body}\n\n"
            f"static const fuzz::Case kCases[] = {{{table}}};\n\n"
            "int main(int argc, char** argv) {\n"
            f"  return fuzz::run(kCases, {len(cases)}, argc, argv);\n}}\n")
