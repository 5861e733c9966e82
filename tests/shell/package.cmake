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
if(STATIC_RUNTIME)
  # libstdc++ and libgcc are linked in (BMC_STATIC_LIBSTDCXX).
  if(fields MATCHES "libstdc|libgcc")
    message(FATAL_ERROR "bmc links the C++ runtime statically but the package depends on it:\n${fields}")
  endif()
else()
  list(APPEND deps "libstdc\\+\\+6")
endif()
# fmt is compiled in (its header-only target), so the package needs no libfmt.
if(fields MATCHES "libfmt")
  message(FATAL_ERROR "bmc compiles fmt in but the package depends on it:\n${fields}")
endif()
if(STATIC_SQLITE)
  # SQLite is linked in (BMC_STATIC_SQLITE): the package must not claim to need the library.
  if(fields MATCHES "libsqlite3")
    message(FATAL_ERROR "bmc links SQLite statically but the package depends on it:\n${fields}")
  endif()
else()
  list(APPEND deps "libsqlite3-0")
endif()
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
