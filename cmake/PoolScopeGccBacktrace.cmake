# GCC::backtrace: libbacktrace as GCC ships it (a static archive and
# backtrace.h in the compiler's own folder, e.g. lib/gcc/<triplet>/12/).
# Leak reports use it to turn return addresses into function, file and line.
# Included by core/CMakeLists.txt and by the installed PoolScopeCoreConfig.cmake,
# so a service linking the installed core finds the archive of its own GCC.
# Sets PoolScopeGccBacktrace_FOUND.
set(PoolScopeGccBacktrace_FOUND FALSE)
if(TARGET GCC::backtrace)
  set(PoolScopeGccBacktrace_FOUND TRUE)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  return()
endif()
execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libbacktrace.a
                OUTPUT_VARIABLE _poolscope_bt_lib OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
# -print-file-name echoes the bare name when the compiler has no such file.
if(NOT IS_ABSOLUTE "${_poolscope_bt_lib}" OR NOT EXISTS "${_poolscope_bt_lib}")
  return()
endif()
get_filename_component(_poolscope_bt_dir "${_poolscope_bt_lib}" DIRECTORY)
if(NOT EXISTS "${_poolscope_bt_dir}/include/backtrace.h")
  return()
endif()
# No include folder to add: that one is the compiler's own, searched already.
add_library(GCC::backtrace STATIC IMPORTED GLOBAL)
set_target_properties(GCC::backtrace PROPERTIES IMPORTED_LOCATION "${_poolscope_bt_lib}")
set(PoolScopeGccBacktrace_FOUND TRUE)
