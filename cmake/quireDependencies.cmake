# The libraries quire links, found the same way by quire's own build and by its installed CMake
# package (quireConfig.cmake), so that the two cannot disagree. Every one comes through
# pkg-config as an imported target PkgConfig::quire_NAME (a prefix of quire's own, so that a
# project that also finds, say, ICU keeps its own target), except libhyphen and libcld2, which
# have no .pc file on Debian: quire::hyphen and quire::cld2.
#
# quire::cld2 is Debian's libcld2 (the detector's code) with libcld2_full (its full tables,
# about 160 languages, Zulu and Mongolian among them): libcld2_full defines the same table
# objects as libcld2's small set, and being loaded first its definitions are the ones bound. It
# is linked --no-as-needed, since nothing in quire names a symbol of it.
#
# quire_find_dependencies() sets quire_missing_dependencies to the pkg-config modules (or
# libraries) not found; the caller decides whether that is fatal.
include_guard(GLOBAL)

# NAME:MODULE[,MODULE...], one entry a library.
set(QUIRE_PKG_DEPENDENCIES
    "podofo:libpodofo"                      # PDF objects and writing
    "harfbuzz:harfbuzz,harfbuzz-subset"     # shaping, font subsetting
    "icu:icu-uc,icu-i18n"                   # line breaks, bidi, casing, normalization
    "freetype:freetype2"                    # glyph outlines and metrics
    "fontconfig:fontconfig"                 # font discovery
    "deflate:libdeflate"                    # PDF streams, EPUB entries
    "tinyxml2:tinyxml2"                     # XML articles, EPUB documents
    "yamlcpp:yaml-cpp"                      # style files, front matter, manifests
    "cmarkgfm:libcmark-gfm"                 # Markdown articles
    "png:libpng"                            # images are decoded before they are embedded
    "jpeg:libjpeg")

# The modules, as quire.pc's Requires.private lists them.
set(QUIRE_PKG_MODULES "")
foreach(spec IN LISTS QUIRE_PKG_DEPENDENCIES)
  string(REGEX REPLACE "^[^:]*:" "" modules "${spec}")
  string(REPLACE "," " " modules "${modules}")
  string(APPEND QUIRE_PKG_MODULES " ${modules}")
endforeach()
string(STRIP "${QUIRE_PKG_MODULES}" QUIRE_PKG_MODULES)

# The imported targets, as quire's library links them.
set(QUIRE_DEPENDENCY_TARGETS quire::hyphen quire::cld2)
foreach(spec IN LISTS QUIRE_PKG_DEPENDENCIES)
  string(REGEX REPLACE ":.*" "" name "${spec}")
  list(APPEND QUIRE_DEPENDENCY_TARGETS PkgConfig::quire_${name})
endforeach()

macro(quire_find_dependencies)
  set(quire_missing_dependencies "")
  find_package(PkgConfig QUIET)
  if(NOT PKG_CONFIG_FOUND)
    list(APPEND quire_missing_dependencies pkg-config)
  else()
    foreach(_quire_spec IN LISTS QUIRE_PKG_DEPENDENCIES)
      string(REGEX REPLACE ":.*" "" _quire_name "${_quire_spec}")
      string(REGEX REPLACE "^[^:]*:" "" _quire_modules "${_quire_spec}")
      string(REPLACE "," ";" _quire_modules "${_quire_modules}")
      if(NOT TARGET PkgConfig::quire_${_quire_name})
        pkg_check_modules(quire_${_quire_name} QUIET IMPORTED_TARGET ${_quire_modules})
        if(NOT quire_${_quire_name}_FOUND)
          list(APPEND quire_missing_dependencies ${_quire_modules})
        endif()
      endif()
    endforeach()
  endif()
  if(NOT TARGET quire::hyphen)
    find_library(QUIRE_HYPHEN_LIBRARY NAMES hyphen)
    find_path(QUIRE_HYPHEN_INCLUDE_DIR hyphen.h)
    if(QUIRE_HYPHEN_LIBRARY AND QUIRE_HYPHEN_INCLUDE_DIR)
      add_library(quire::hyphen UNKNOWN IMPORTED)
      set_target_properties(quire::hyphen PROPERTIES
        IMPORTED_LOCATION "${QUIRE_HYPHEN_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${QUIRE_HYPHEN_INCLUDE_DIR}")
    else()
      list(APPEND quire_missing_dependencies "libhyphen (hyphen.h, -lhyphen)")
    endif()
  endif()
  if(NOT TARGET quire::cld2)
    find_library(QUIRE_CLD2_LIBRARY NAMES cld2)
    find_library(QUIRE_CLD2_FULL_LIBRARY NAMES cld2_full)
    find_path(QUIRE_CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h)
    if(QUIRE_CLD2_LIBRARY AND QUIRE_CLD2_FULL_LIBRARY AND QUIRE_CLD2_INCLUDE_DIR)
      add_library(quire::cld2 INTERFACE IMPORTED)
      set_target_properties(quire::cld2 PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${QUIRE_CLD2_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES
          "-Wl,--push-state,--no-as-needed;${QUIRE_CLD2_FULL_LIBRARY};-Wl,--pop-state;${QUIRE_CLD2_LIBRARY}")
    else()
      list(APPEND quire_missing_dependencies "libcld2 (cld2/public/compact_lang_det.h, -lcld2, -lcld2_full)")
    endif()
  endif()
endmacro()
