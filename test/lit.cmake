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
else()
  message(STATUS "torch-tidy: ${TORCH_TIDY_LIT} not found (Debian package "
                 "llvm-19-tools); lit tests disabled")
endif()
