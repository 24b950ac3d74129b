# lit tests for the checks (test/checks/) and for the test runner itself
# (test/runner/). Meant for the root CMakeLists.txt: include(test/lit.cmake)
#
# Run: ctest -L lit   (or python3 <lit.py> -sv <build>/test for one file:
#                      append the test path, e.g. <build>/test/checks/x.cpp)
# The suite expects <build>/torch-tidy and <build>/libTorchTidyPlugin.so to be
# built; CTest does not build them.

set(TORCH_TIDY_BINARY_DIR "${CMAKE_BINARY_DIR}")
set(TORCH_TIDY_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/..")
get_filename_component(TORCH_TIDY_SOURCE_DIR "${TORCH_TIDY_SOURCE_DIR}"
                       ABSOLUTE)

configure_file("${CMAKE_CURRENT_LIST_DIR}/lit.site.cfg.py.in"
               "${CMAKE_BINARY_DIR}/test/lit.site.cfg.py" @ONLY)

set(TORCH_TIDY_LIT "/usr/lib/llvm-19/build/utils/lit/lit.py"
    CACHE FILEPATH "lit.py used by the lit CTest test")
if(EXISTS "${TORCH_TIDY_LIT}")
  add_test(NAME lit
           COMMAND python3 "${TORCH_TIDY_LIT}" -sv "${CMAKE_BINARY_DIR}/test")
  set_tests_properties(lit PROPERTIES LABELS lit)
  # The tests that use real LibTorch headers again, against LibTorch 2.6's
  # (Debian 13's libtorch-dev, unpacked by scripts/fetch-libtorch-headers.sh;
  # the first run uses the installed 1.13).
  set(TORCH_TIDY_LIBTORCH_2_6 "${CMAKE_BINARY_DIR}/libtorch-2.6/usr"
      CACHE PATH "Root of LibTorch 2.6's headers (<root>/include/torch/...)")
  if(EXISTS "${TORCH_TIDY_LIBTORCH_2_6}/include/torch/csrc/api/include/torch/torch.h")
    # Every real-header test parses LibTorch's headers (~12 s each time);
    # scripts/run-tests.sh (CI) runs a fixed slice of them against 2.6: one
    # test per check, the whole-project, shared-preamble and runner ones.
    # `ctest -L slow` runs them all (lit.libtorch-2.6.all).
    # (A plain variable: a cached one would keep an old slice in existing
    # build directories.) `ctest -L lit -LE slow` runs the lit tests as CI.
    set(lit_2_6_slice
        "-libtorch\\.(cpp|test)$|(inplace-on-saved|inference-tensor-escape|backward-without-grad|libtorch-includes)\\.cpp$")
    set(lit_2_6 ${CMAKE_COMMAND} -E env
                "LIBTORCH_PREFIX=${TORCH_TIDY_LIBTORCH_2_6}"
                TORCH_TIDY_LIT_REAL_HEADERS_ONLY=1
                python3 "${TORCH_TIDY_LIT}" -sv)
    add_test(NAME lit.libtorch-2.6
             COMMAND ${lit_2_6} "--filter=${lit_2_6_slice}"
                     "${CMAKE_BINARY_DIR}/test")
    add_test(NAME lit.libtorch-2.6.all
             COMMAND ${lit_2_6} "${CMAKE_BINARY_DIR}/test")
    # The runs write their copies of the inputs to <build>/test/**/Output:
    # never at the same time.
    set_tests_properties(lit lit.libtorch-2.6 lit.libtorch-2.6.all PROPERTIES
                         RESOURCE_LOCK lit-output)
    set_tests_properties(lit lit.libtorch-2.6 PROPERTIES LABELS lit)
    set_tests_properties(lit.libtorch-2.6.all PROPERTIES LABELS "lit;slow")
  else()
    message(STATUS "torch-tidy: no LibTorch 2.6 headers in "
                   "${TORCH_TIDY_LIBTORCH_2_6}; tests against them disabled "
                   "(scripts/fetch-libtorch-headers.sh)")
  endif()
else()
  message(STATUS "torch-tidy: ${TORCH_TIDY_LIT} not found (Debian package "
                 "llvm-19-tools); lit tests disabled")
endif()
