# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a source file of the project lacks its licence line in its first three lines
# (README.md "Licence"). Run by CTest as architecture_spdx: cmake -DSOURCE_DIR=... -P this file.
file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/widgets/*.cpp"
     "${SOURCE_DIR}/widgets/*.h" "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.h"
     "${SOURCE_DIR}/core/*.sql" "${SOURCE_DIR}/models/*.cpp" "${SOURCE_DIR}/models/*.h"
     "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/scripts/*.sh"
     "${SOURCE_DIR}/scripts/*.py" "${SOURCE_DIR}/cmake/*.cmake" "${SOURCE_DIR}/*CMakeLists.txt")
set(missing "")
foreach(f IN LISTS files)
  file(STRINGS "${SOURCE_DIR}/${f}" head LIMIT_COUNT 3)
  if(NOT head MATCHES "SPDX-License-Identifier: GPL-3.0-or-later")
    list(APPEND missing "${f}")
  endif()
endforeach()
list(LENGTH files count)
if(missing)
  list(JOIN missing "\n  " listed)
  message(FATAL_ERROR "no SPDX licence line in:\n  ${listed}")
endif()
message(STATUS "${count} files carry the SPDX licence line")
