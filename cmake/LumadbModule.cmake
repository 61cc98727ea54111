# lumadb_module(NAME SOURCES... [DEPS mod...] [PRIVATE_LIBS lib...])
# Declares the static library pg_<NAME> whose public headers live in <NAME>/include/<NAME>/ and whose
# sources and private headers live in <NAME>/src/. A module sees only the include roots of the modules it
# lists in DEPS (transitively), so an include against the dependency direction fails to compile.
function(lumadb_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_LIBS;PUBLIC_LIBS" ${ARGN})
  add_library(pg_${name} STATIC ${M_SOURCES})
  target_include_directories(pg_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  foreach(dep IN LISTS M_DEPS)
    target_link_libraries(pg_${name} PUBLIC pg_${dep})
  endforeach()
  target_link_libraries(pg_${name} PRIVATE ${M_PRIVATE_LIBS} PUBLIC ${M_PUBLIC_LIBS})
endfunction()

# lumadb_test(NAME SOURCES... LIBS ...): one doctest executable registered with CTest.
function(lumadb_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} lumadb_doctest_main doctest::doctest)
  # Shared test helpers: #include "support/<name>.h".
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name})
  # ASan+UBSan runs several times slower: test_exec's parallel-plan cases (600,000-row tables) take ~8 min.
  if(LUMADB_SANITIZE)
    set_tests_properties(${name} PROPERTIES TIMEOUT 1200)
  else()
    set_tests_properties(${name} PROPERTIES TIMEOUT 300)
  endif()
endfunction()

# lumadb_glob_module(NAME DEPS ... PRIVATE_LIBS ... PUBLIC_LIBS ...): lumadb_module over every src/*.cpp of
# the calling directory (CONFIGURE_DEPENDS, so a new file is picked up by the next build).
function(lumadb_glob_module name)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  if(NOT srcs)
    set(srcs ${PROJECT_SOURCE_DIR}/cmake/empty.cpp)
  endif()
  lumadb_module(${name} SOURCES ${srcs} ${ARGN})
endfunction()
