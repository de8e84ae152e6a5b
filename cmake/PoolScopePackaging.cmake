# Install rules and Debian packages. Included once, at the end of the top-level
# CMakeLists.txt (after every target exists).
#
#   cmake --build build --target package      or   cd build && cpack -G DEB
#
# makes two packages, their dependencies computed by dpkg-shlibdeps
# (Debian: dpkg-dev):
#   poolscope_<version>_<arch>.deb              the application (component "app")
#   libpoolscope-core-dev_<version>_<arch>.deb  headers, static libraries, CMake
#                                               package and pkg-config file ("dev")
# A package for a system installs under /usr whatever CMAKE_INSTALL_PREFIX is.

set(POOLSCOPE_HOMEPAGE "https://poolscope.io" CACHE STRING "Home page named in packages")
set(POOLSCOPE_MAINTAINER "PoolScope maintainers <maintainers@poolscope.io>"
    CACHE STRING "Maintainer named in the Debian packages")

include(PoolScopeInstall)
include(PoolScopeCoreExport)

set(CPACK_PACKAGE_NAME poolscope)
set(CPACK_PACKAGE_VENDOR "PoolScope")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Watch and reproduce database connection pool incidents")
set(CPACK_PACKAGE_HOMEPAGE_URL ${POOLSCOPE_HOMEPAGE})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL app dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${POOLSCOPE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${POOLSCOPE_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_APP_PACKAGE_NAME poolscope)
set(CPACK_DEBIAN_APP_PACKAGE_SECTION database)
set(CPACK_DEBIAN_APP_DESCRIPTION
  "Watch and reproduce database connection pool incidents
 PoolScope runs a real connection pool against SQLite, PostgreSQL,
 MySQL/MariaDB or a simulated server and shows every state change of every
 connection: a Qt dashboard (charts, state machine, connection table, health
 alerts, recording and replay) and a headless mode printing JSON lines for
 scripts and CI. It reproduces unbounded pools, leaked connections, stale
 connections after a database restart and wait storms.")
if(POOLSCOPE_GUI)
  # Qt's own translations of its dialogs, for --lang zh_CN.
  set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "qt6-translations-l10n")
endif()

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libpoolscope-core-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "PoolScope connection pool core for C++ services (development files)
 The PoolScope pool core as static libraries with headers, a CMake package
 (find_package(PoolScopeCore): PoolScope::core, PoolScope::recording,
 PoolScope::exporter) and a pkg-config file (poolscope-core). C++20, no Qt.")
# Static libraries: a consumer links the same client libraries the core uses
# (POOLSCOPE_CORE_DEB_DEPENDS, from cmake/PoolScopeCoreExport.cmake).
list(JOIN POOLSCOPE_CORE_DEB_DEPENDS ", " CPACK_DEBIAN_DEV_PACKAGE_DEPENDS)

include(CPack)
cpack_add_component(app DISPLAY_NAME "PoolScope application")
cpack_add_component(dev DISPLAY_NAME "PoolScope core development files")
