# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers shared by every layer: warnings and the per-folder library convention.

function(timbre_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
endfunction()

# Sources of a folder, found by glob so that adding a class is adding its two files.
function(timbre_sources out dir)
  file(GLOB _srcs CONFIGURE_DEPENDS
       "${dir}/*.cpp" "${dir}/*.h" "${dir}/*.qrc")
  set(${out} ${_srcs} PARENT_SCOPE)
endfunction()

# Keep only dependencies that are either not ours or already defined, so a module
# whose folder is still empty does not break the modules above it.
function(timbre_existing_deps out)
  set(_kept)
  foreach(dep IN LISTS ARGN)
    if(dep MATCHES "^timbre_")
      if(TARGET ${dep})
        list(APPEND _kept ${dep})
      endif()
    else()
      list(APPEND _kept ${dep})
    endif()
  endforeach()
  set(${out} ${_kept} PARENT_SCOPE)
endfunction()
