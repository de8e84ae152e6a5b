# The core as a library for other C++ services (component "dev"):
#   include/poolscope/core/...            headers, as included in the code
#                                         ("core/pool/Pool.h")
#   lib/<multiarch>/libpoolscope_*.a      the static libraries
#   lib/<multiarch>/cmake/PoolScopeCore/  find_package(PoolScopeCore CONFIG):
#                                         PoolScope::core, ::recording, ::exporter
#                                         (and ::remote, ::session when built)
#   lib/<multiarch>/pkgconfig/poolscope-core.pc
# The Config file finds the same dependencies this build used
# (POOLSCOPE_WITH_SQLITE/POSTGRESQL/MYSQL), so a consumer links exactly the
# database client libraries the core was built with.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(POOLSCOPE_CORE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/PoolScopeCore)

# The libraries a service links (PoolScope::core, ::recording, ::exporter)
# and every poolscope_* library they use, found from their link lists.
set(POOLSCOPE_CORE_TARGETS)
set(_queue)
foreach(_name IN ITEMS exporter recording core)
  if(TARGET poolscope_${_name})
    list(APPEND _queue poolscope_${_name})
  endif()
endforeach()
while(_queue)
  list(POP_FRONT _queue _target)
  if(_target IN_LIST POOLSCOPE_CORE_TARGETS)
    continue()
  endif()
  list(APPEND POOLSCOPE_CORE_TARGETS ${_target})
  get_target_property(_links ${_target} LINK_LIBRARIES)
  foreach(_link IN LISTS _links)
    if(_link MATCHES "^poolscope_" AND TARGET ${_link})
      list(APPEND _queue ${_link})
    endif()
  endforeach()
endwhile()

# A library's include folder under the source tree is valid only in this
# build; an installed target gets include/poolscope from poolscope_core.
function(_poolscope_build_only_includes target)
  get_target_property(_dirs ${target} INTERFACE_INCLUDE_DIRECTORIES)
  if(NOT _dirs)
    return()
  endif()
  set(_out)
  foreach(_dir IN LISTS _dirs)
    string(FIND "${_dir}" "${PROJECT_SOURCE_DIR}" _in_source)
    string(FIND "${_dir}" "${PROJECT_BINARY_DIR}" _in_build)
    if(NOT _dir MATCHES "^\\$<" AND (_in_source EQUAL 0 OR _in_build EQUAL 0))
      list(APPEND _out "$<BUILD_INTERFACE:${_dir}>")
    else()
      list(APPEND _out "${_dir}")
    endif()
  endforeach()
  set_property(TARGET ${target} PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${_out}")
endfunction()

# What a consumer must find again: the imported targets the libraries link
# (static libraries pass even their private dependencies on).
set(_pc_libs)
set(_imported)
foreach(_target IN LISTS POOLSCOPE_CORE_TARGETS)
  string(REPLACE "poolscope_" "" _export_name ${_target})
  set_target_properties(${_target} PROPERTIES EXPORT_NAME ${_export_name})
  _poolscope_build_only_includes(${_target})
  if(NOT _target STREQUAL "poolscope_core")
    string(APPEND _pc_libs " -l${_target}")
  endif()
  get_target_property(_links ${_target} LINK_LIBRARIES)
  foreach(_link IN LISTS _links)
    if(_link MATCHES "::" AND NOT _link MATCHES "^::@")
      list(APPEND _imported ${_link})
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES _imported)
string(APPEND _pc_libs " -lpoolscope_core")  # last: every other library uses it

set(POOLSCOPE_CORE_FIND_DEPENDENCIES "")
set(_pc_backtrace "")
set(_pc_requires "")
set(POOLSCOPE_CORE_DEB_DEPENDS "")
foreach(_dep IN LISTS _imported)
  if(_dep STREQUAL "Threads::Threads")
    string(APPEND POOLSCOPE_CORE_FIND_DEPENDENCIES "find_dependency(Threads)\n")
  elseif(_dep STREQUAL "SQLite::SQLite3")
    string(APPEND POOLSCOPE_CORE_FIND_DEPENDENCIES "find_dependency(SQLite3)\n")
    list(APPEND _pc_requires sqlite3)
    list(APPEND POOLSCOPE_CORE_DEB_DEPENDS libsqlite3-dev)
  elseif(_dep STREQUAL "ZLIB::ZLIB")
    string(APPEND POOLSCOPE_CORE_FIND_DEPENDENCIES "find_dependency(ZLIB)\n")
    list(APPEND _pc_requires zlib)
    list(APPEND POOLSCOPE_CORE_DEB_DEPENDS zlib1g-dev)
  elseif(_dep STREQUAL "PostgreSQL::PostgreSQL")
    string(APPEND POOLSCOPE_CORE_FIND_DEPENDENCIES "find_dependency(PostgreSQL)\n")
    list(APPEND _pc_requires libpq)
    list(APPEND POOLSCOPE_CORE_DEB_DEPENDS libpq-dev)
  elseif(_dep STREQUAL "GCC::backtrace")
    # The compiler's own libbacktrace.a: the consumer's GCC provides it.
    string(APPEND POOLSCOPE_CORE_FIND_DEPENDENCIES
           "include(\"\${CMAKE_CURRENT_LIST_DIR}/PoolScopeGccBacktrace.cmake\")\n"
           "if(NOT PoolScopeGccBacktrace_FOUND)\n"
           "  set(PoolScopeCore_FOUND FALSE)\n"
           "  set(PoolScopeCore_NOT_FOUND_MESSAGE \"built with GCC's libbacktrace, which \${CMAKE_CXX_COMPILER} lacks: use the GCC it was built with\")\n"
           "  return()\n"
           "endif()\n")
    install(FILES ${PROJECT_SOURCE_DIR}/cmake/PoolScopeGccBacktrace.cmake
            DESTINATION ${POOLSCOPE_CORE_CMAKE_DIR}
            COMPONENT dev)
    set(_pc_backtrace " -lbacktrace")
    string(REGEX MATCH "^[0-9]+" _gcc_major "${CMAKE_CXX_COMPILER_VERSION}")
    list(APPEND POOLSCOPE_CORE_DEB_DEPENDS libgcc-${_gcc_major}-dev)
  elseif(_dep MATCHES "^PkgConfig::(.+)$")
    # pkg_check_modules(<prefix> ... IMPORTED_TARGET <module>) made it.
    set(_prefix ${CMAKE_MATCH_1})
    set(_module ${${_prefix}_MODULE_NAME})
    if(NOT _module)
      message(FATAL_ERROR "PoolScopeCore: ${_dep} is linked, but its pkg-config module is unknown")
    endif()
    string(APPEND POOLSCOPE_CORE_FIND_DEPENDENCIES
           "find_dependency(PkgConfig)\n"
           "if(NOT TARGET ${_dep})\n"
           "  pkg_check_modules(${_prefix} REQUIRED QUIET IMPORTED_TARGET ${_module})\n"
           "endif()\n")
    list(APPEND _pc_requires ${_module})
    if(_module STREQUAL "libmariadb")
      list(APPEND POOLSCOPE_CORE_DEB_DEPENDS libmariadb-dev)
    elseif(_module STREQUAL "cpp-httplib")
      list(APPEND POOLSCOPE_CORE_DEB_DEPENDS libcpp-httplib-dev)
    endif()
    list(APPEND POOLSCOPE_CORE_DEB_DEPENDS "pkgconf | pkg-config")
  else()
    message(FATAL_ERROR "PoolScopeCore: the exported libraries link ${_dep}; "
                        "teach cmake/PoolScopeCoreExport.cmake how a consumer finds it")
  endif()
endforeach()
list(REMOVE_DUPLICATES _pc_requires)
list(REMOVE_DUPLICATES POOLSCOPE_CORE_DEB_DEPENDS)
list(JOIN _pc_requires " " _pc_requires)

install(TARGETS ${POOLSCOPE_CORE_TARGETS}
        EXPORT PoolScopeCoreTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(EXPORT PoolScopeCoreTargets
        NAMESPACE PoolScope::
        DESTINATION ${POOLSCOPE_CORE_CMAKE_DIR}
        COMPONENT dev)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/poolscope/core
        COMPONENT dev
        FILES_MATCHING PATTERN "*.h"
        PATTERN "examples" EXCLUDE)

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/PoolScopeCoreConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/PoolScopeCoreConfig.cmake
  INSTALL_DESTINATION ${POOLSCOPE_CORE_CMAKE_DIR})
# 0.x: a minor version may break the API.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/PoolScopeCoreConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/PoolScopeCoreConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/PoolScopeCoreConfigVersion.cmake
        DESTINATION ${POOLSCOPE_CORE_CMAKE_DIR}
        COMPONENT dev)

# pkg-config: the libraries are static, so their dependencies are public
# (Requires, not Requires.private): `pkg-config --libs poolscope-core` links.
set(POOLSCOPE_PC_LIBS "${_pc_libs}")
set(POOLSCOPE_PC_REQUIRES "${_pc_requires}")
set(POOLSCOPE_PC_EXTRA_LIBS "-pthread ${CMAKE_DL_LIBS}")
if(CMAKE_DL_LIBS)
  set(POOLSCOPE_PC_EXTRA_LIBS "-pthread -l${CMAKE_DL_LIBS}")
endif()
# GCC links -lbacktrace from its own folder, like -lstdc++.
string(APPEND POOLSCOPE_PC_EXTRA_LIBS "${_pc_backtrace}")
file(RELATIVE_PATH POOLSCOPE_PC_PREFIX_FROM_PCDIR "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" POOLSCOPE_PC_PREFIX_FROM_PCDIR "${POOLSCOPE_PC_PREFIX_FROM_PCDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/poolscope-core.pc.in
               ${PROJECT_BINARY_DIR}/pkgconfig/poolscope-core.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/poolscope-core.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT dev)
