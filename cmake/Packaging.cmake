# The Debian package: `cpack -G DEB` in the build directory (after the
# build) writes torch-tidy_<version>_amd64.deb with what `cmake --install`
# installs under /usr: the CLI, the clang-tidy plugin, the CMake package
# files and the docs. It depends on the runtime packages of Clang and LLVM
# 19 only, not on their -dev packages; the binaries are stripped.
set(CPACK_PACKAGE_NAME "torch-tidy")
set(CPACK_PACKAGE_VENDOR "torch-tidy")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "LibTorch inference and autograd hazard checks for clang-tidy")
set(CPACK_PACKAGE_DESCRIPTION
    "torch-tidy finds LibTorch (PyTorch C++) code that runs inference\n"
    "without eval() or a grad guard, and tensors that autograd saved for\n"
    "backward modified in place. A clang-tidy-style CLI and a plugin for\n"
    "clang-tidy-19 --load.")
set(CPACK_PACKAGE_CONTACT "torch-tidy maintainers <torch-tidy@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT") # torch-tidy_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/torch-tidy/torch-tidy")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libclang-cpp19, libllvm19, libc6, libstdc++6, libgcc-s1")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "clang-tidy-19")
include(CPack)
