# Installation layout and packages.
#   Linux:   cpack -G "DEB;TGZ" in the build folder (after cmake --build). The .deb installs the programs to
#            /usr/bin, the desktop entry, icons, AppStream metainfo, the .losscast MIME type, man pages, and
#            /usr/share/doc/losscast/{copyright,changelog.gz}; Depends comes from the linked libraries (shlibdeps).
#   macOS:   cpack -G DragNDrop: LossCast.app with Info.plist (the .losscast document type) and the .icns;
#            macdeployqt runs at install time (qt_generate_deploy_app_script).
#   Windows: cpack -G NSIS (or WIX): windeployqt runs at install time; the installer registers .losscast.
# macOS and Windows cannot be built on the Linux CI: the README says how, and these paths stay simple.
set(LOSSCAST_APP_ID "org.losscast.LossCast")
set(LOSSCAST_HOMEPAGE "https://github.com/losscast/losscast" CACHE STRING
    "The project's web address (AppStream metainfo, screenshot URLs under <address>/raw/main/...)")
# No licence has been chosen for LossCast's own code yet (see packaging/linux/copyright).
set(LOSSCAST_APPSTREAM_LICENSE "LicenseRef-proprietary")
set(pkg_dir "${CMAKE_CURRENT_LIST_DIR}")

# The Debian changelog's top entry must be this version (lintian and dpkg read the version from it).
file(STRINGS "${pkg_dir}/linux/changelog" changelog_top LIMIT_COUNT 1)
if(NOT changelog_top MATCHES "^losscast \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR "packaging/linux/changelog starts with '${changelog_top}', but the project version is "
                        "${PROJECT_VERSION}: add a changelog entry for it")
endif()

if(UNIX AND NOT APPLE)
    include(GNUInstallDirs)
    # Desktop entry, MIME type, AppStream metainfo.
    install(FILES "${pkg_dir}/linux/${LOSSCAST_APP_ID}.desktop" DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES "${pkg_dir}/linux/${LOSSCAST_APP_ID}.xml" DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
    configure_file("${pkg_dir}/linux/${LOSSCAST_APP_ID}.metainfo.xml.in"
                   "${CMAKE_BINARY_DIR}/packaging/${LOSSCAST_APP_ID}.metainfo.xml" @ONLY)
    install(FILES "${CMAKE_BINARY_DIR}/packaging/${LOSSCAST_APP_ID}.metainfo.xml"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    # Icons: the SVG for every size, rendered PNGs for launchers that want bitmaps, and the session type's icon.
    set(icons "${CMAKE_INSTALL_DATADIR}/icons/hicolor")
    install(FILES "${pkg_dir}/icons/losscast.svg" DESTINATION ${icons}/scalable/apps RENAME ${LOSSCAST_APP_ID}.svg)
    install(FILES "${pkg_dir}/icons/losscast.svg" DESTINATION ${icons}/scalable/mimetypes
            RENAME application-x-losscast-session.svg)
    foreach(s 16 24 32 48 64 128 256 512)
        install(FILES "${pkg_dir}/icons/hicolor-${s}.png" DESTINATION ${icons}/${s}x${s}/apps
                RENAME ${LOSSCAST_APP_ID}.png)
    endforeach()

    # Man pages from the programs' own --help (packaging/man/manpage.cmake), compressed as Debian wants them.
    find_program(GZIP_EXECUTABLE gzip)
    set(man_targets losscast-cli)
    if(LOSSCAST_BUILD_GUI)
        list(APPEND man_targets losscast)
    endif()
    set(man_pages "")
    foreach(prog IN LISTS man_targets)
        set(kind gui)
        if(prog STREQUAL "losscast-cli")
            set(kind cli)
        endif()
        set(page "${CMAKE_BINARY_DIR}/man/${prog}.1")
        add_custom_command(OUTPUT "${page}.gz"
            COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${prog}> -DKIND=${kind}
                    -DVERSION=${PROJECT_VERSION} -DOUT=${page} -P "${pkg_dir}/man/manpage.cmake"
            COMMAND ${GZIP_EXECUTABLE} -9nf "${page}"
            DEPENDS ${prog} "${pkg_dir}/man/manpage.cmake"
            COMMENT "Man page ${prog}.1 from ${prog} --help"
            VERBATIM)
        list(APPEND man_pages "${page}.gz")
    endforeach()
    if(GZIP_EXECUTABLE)
        add_custom_target(manpages ALL DEPENDS ${man_pages})
        install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    else()
        message(STATUS "gzip not found: no man pages")
    endif()

    # Debian's documentation files: the copyright and the changelog (gzipped, as lintian expects).
    set(docdir ${CMAKE_INSTALL_DATADIR}/doc/losscast)
    install(FILES "${pkg_dir}/linux/copyright" DESTINATION ${docdir})
    if(GZIP_EXECUTABLE)
        add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/packaging/changelog.gz"
            COMMAND ${GZIP_EXECUTABLE} -9nc "${pkg_dir}/linux/changelog" > "${CMAKE_BINARY_DIR}/packaging/changelog.gz"
            DEPENDS "${pkg_dir}/linux/changelog")
        add_custom_target(debian_changelog ALL DEPENDS "${CMAKE_BINARY_DIR}/packaging/changelog.gz")
        install(FILES "${CMAKE_BINARY_DIR}/packaging/changelog.gz" DESTINATION ${docdir})
    endif()
endif()

if((APPLE OR WIN32) AND LOSSCAST_BUILD_GUI)
    # macdeployqt / windeployqt at install time: the bundle or folder gets the Qt libraries and plugins it uses.
    qt_generate_deploy_app_script(TARGET losscast FILENAME_VARIABLE losscast_deploy NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT "${losscast_deploy}")
    if(WIN32 AND QCUSTOMPLOT_DLL)
        # windeployqt copies Qt only: QCustomPlot's DLL goes beside losscast.exe.
        install(FILES "${QCUSTOMPLOT_DLL}" DESTINATION bin)
    endif()
endif()

set(CPACK_PACKAGE_NAME "losscast")
set(CPACK_PACKAGE_VENDOR "LossCast")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "LossCast developers <losscast@example.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "${LOSSCAST_HOMEPAGE}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "LossCast")
set(CPACK_PACKAGE_EXECUTABLES "losscast;LossCast")
set(CPACK_RESOURCE_FILE_README "${CMAKE_SOURCE_DIR}/README.md")
set(CPACK_STRIP_FILES ON)

# Debian
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Loaded at run time, so shlibdeps cannot see them: the platform plugin (xcb/wayland) the window needs.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents these lines and turns the empty one into " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "LossCast reads training logs (CSV, Weights & Biases, TensorBoard, Hugging Face
Trainer, Lightning, nanoGPT and Megatron text logs), fits published scaling
laws to them (the LR-annealing law, the multi-power law, the continual
pre-training law, data mixing laws, AutoScale, Domain2Vec) and predicts the
loss of a run under another learning-rate schedule, with uncertainty.

The package holds the window (losscast) and the command-line tool
(losscast-cli) that does the same headless for scripts.")
# dpkg-deb would otherwise keep the build user's umask-dependent modes on the control files.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# macOS: a drag-and-drop disk image holding LossCast.app (Info.plist and icon: app/gui/CMakeLists.txt).
set(CPACK_DMG_VOLUME_NAME "LossCast ${PROJECT_VERSION}")

# Windows: NSIS installer (or WiX) with a Start-menu entry and the .losscast association.
set(CPACK_NSIS_DISPLAY_NAME "LossCast")
set(CPACK_NSIS_PACKAGE_NAME "LossCast")
set(CPACK_NSIS_MUI_ICON "${pkg_dir}/icons/losscast.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\losscast.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
    WriteRegStr HKCR '.losscast' '' 'LossCast.Session'
    WriteRegStr HKCR 'LossCast.Session' '' 'LossCast session'
    WriteRegStr HKCR 'LossCast.Session\\\\DefaultIcon' '' '$INSTDIR\\\\bin\\\\losscast.exe,0'
    WriteRegStr HKCR 'LossCast.Session\\\\shell\\\\open\\\\command' '' '\\\"$INSTDIR\\\\bin\\\\losscast.exe\\\" \\\"%1\\\"'
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
    DeleteRegKey HKCR '.losscast'
    DeleteRegKey HKCR 'LossCast.Session'
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'")
set(CPACK_WIX_UPGRADE_GUID "6F1B6E4C-2E57-4C4B-9A1D-3C1F5B0A7E21")
set(CPACK_WIX_PRODUCT_ICON "${pkg_dir}/icons/losscast.ico")
set(CPACK_WIX_PATCH_FILE "${pkg_dir}/windows/wix-association.xml")
include(CPack)
