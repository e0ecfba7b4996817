# The window's translations, included from app/gui/CMakeLists.txt: they are compiled into losscast_app (under
# :/i18n), so the window and every test that links it can load them.
#   cmake --build build --target update_translations    # lupdate: new and changed strings into the .ts files
#   then translate them in Qt Linguist (linguist translations/losscast_de.ts) or an editor; see README.md here.
# lupdate runs without source locations (-locations none) so the .ts files change only when strings do, and
# drops strings no longer in the sources (-no-obsolete). tst_translation_files runs lupdate the same way into a
# temporary copy and fails when the result differs from the committed files.
set(LOSSCAST_TS_DIR ${CMAKE_SOURCE_DIR}/translations)
file(GLOB LOSSCAST_TR_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/app/gui/*.cpp ${CMAKE_SOURCE_DIR}/app/gui/*.h
     ${CMAKE_SOURCE_DIR}/widgets/*.cpp ${CMAKE_SOURCE_DIR}/widgets/*.h)
list(SORT LOSSCAST_TR_SOURCES)
set(LOSSCAST_LUPDATE_OPTIONS -locations none -no-obsolete)
set(LOSSCAST_TS_FILES ${LOSSCAST_TS_DIR}/losscast_de.ts ${LOSSCAST_TS_DIR}/losscast_zh_CN.ts)

# German and Simplified Chinese: every string.
qt_add_translations(losscast_app
    TS_FILES ${LOSSCAST_TS_FILES}
    SOURCES ${LOSSCAST_TR_SOURCES}
    INCLUDE_DIRECTORIES ${CMAKE_SOURCE_DIR}
    LUPDATE_OPTIONS ${LOSSCAST_LUPDATE_OPTIONS})

# English, the source language, needs only its plural forms ("%n run(s)" → "1 run" / "2 runs"): lupdate
# -pluralonly. Qt 6.4's qt_add_translations takes one option set for all files, hence this second pair.
add_custom_target(losscast_en_plurals)
qt_add_lupdate(losscast_en_plurals
    TS_FILES ${LOSSCAST_TS_DIR}/losscast_en.ts
    SOURCES ${LOSSCAST_TR_SOURCES}
    INCLUDE_DIRECTORIES ${CMAKE_SOURCE_DIR}
    OPTIONS ${LOSSCAST_LUPDATE_OPTIONS} -pluralonly)
qt_add_lrelease(losscast_en_plurals
    TS_FILES ${LOSSCAST_TS_DIR}/losscast_en.ts
    QM_FILES_OUTPUT_VARIABLE losscast_en_qm
    NO_TARGET_DEPENDENCY)
add_dependencies(losscast_app losscast_en_plurals_lrelease)
qt_add_resources(losscast_app "losscast_app_en_plurals" PREFIX "/i18n" BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${losscast_en_qm})

# For tst_translation_files (tests/app/gui): what lupdate reads, and how.
set_property(GLOBAL PROPERTY LOSSCAST_TR_SOURCES "${LOSSCAST_TR_SOURCES}")
set_property(GLOBAL PROPERTY LOSSCAST_LUPDATE_OPTIONS "${LOSSCAST_LUPDATE_OPTIONS}")
