# Packages: `cpack -G "DEB;TGZ"` from the build directory after `cmake --build`.
# macOS (DragNDrop bundle) and Windows (NSIS + windeployqt) are described in the README; they cannot be built
# on the Linux CI, so their paths stay minimal.
set(CPACK_PACKAGE_NAME "losscast")
set(CPACK_PACKAGE_VENDOR "LossCast")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "LossCast developers <losscast@example.org>")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_RESOURCE_FILE_README "${CMAKE_SOURCE_DIR}/README.md")
include(CPack)
