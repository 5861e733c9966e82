# Checks `cmake --install` and the Debian package: every file lands where it belongs and the
# package declares the shared libraries bmc needs.
#   cmake -DBUILD_DIR=build -DWORK=dir -DSTATIC_SQLITE=ON|OFF -DSTATIC_RUNTIME=ON|OFF -P package.cmake
foreach(var BUILD_DIR WORK STATIC_SQLITE STATIC_RUNTIME)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "pass -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(installed
    bin/bmc
    share/man/man1/bmc.1
    share/bash-completion/completions/bmc
    share/zsh/vendor-completions/_bmc
    share/fish/vendor_completions.d/bmc.fish
    share/doc/bmc/copyright)

execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK}/prefix"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${err}")
endif()
foreach(f IN LISTS installed)
  if(NOT EXISTS "${WORK}/prefix/${f}")
    message(FATAL_ERROR "cmake --install did not install ${f}")
  endif()
endforeach()
file(READ "${WORK}/prefix/share/man/man1/bmc.1" man)
if(man MATCHES "@PROJECT_VERSION@")
  message(FATAL_ERROR "the installed manual page has no version")
endif()

execute_process(COMMAND cpack -G DEB -B "${WORK}/deb" WORKING_DIRECTORY "${BUILD_DIR}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed: ${out}${err}")
endif()
file(GLOB debs "${WORK}/deb/bmc_*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "cpack made ${count} .deb files, not 1")
endif()
execute_process(COMMAND dpkg-deb -f ${debs} Package Depends OUTPUT_VARIABLE fields)
set(deps "Package: bmc" "libc6")
# A library linked into bmc (or compiled in) must not be a dependency; a shared one must be.
function(check_linked_in linked_in what pattern dependency)
  if(linked_in)
    if(fields MATCHES "${pattern}")
      message(FATAL_ERROR "bmc has ${what} built in but the package depends on it:\n${fields}")
    endif()
  elseif(dependency)
    set(deps ${deps} "${dependency}" PARENT_SCOPE)
  endif()
endfunction()
check_linked_in("${STATIC_RUNTIME}" "the C++ runtime" "libstdc|libgcc" "libstdc\\+\\+6")
check_linked_in(ON "fmt (header-only)" "libfmt" "")
check_linked_in("${STATIC_SQLITE}" "SQLite" "libsqlite3" "libsqlite3-0")
foreach(dep IN LISTS deps)
  if(NOT fields MATCHES "${dep}")
    message(FATAL_ERROR "the package does not declare ${dep}:\n${fields}")
  endif()
endforeach()
execute_process(COMMAND dpkg-deb -c ${debs} OUTPUT_VARIABLE contents)
foreach(f IN LISTS installed)
  if(NOT contents MATCHES "\\./usr/${f}\n")
    message(FATAL_ERROR "the package does not hold /usr/${f}:\n${contents}")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
