#pragma once
/// \file
/// \brief The interface language: translators for the system locale or the language chosen in
/// View → Language (remembered in QSettings under "language"), and that menu.

#include <QList>
#include <QLocale>
#include <QString>

class QCoreApplication;
class QMenu;
class QWidget;

namespace losscast::app {

/// \brief A language LossCast has a translation for.
struct Language
{
    QString code;       ///< "en", "de", "zh_CN": the suffix of translations/losscast_<code>.ts
    QString nativeName; ///< as its speakers write it ("Deutsch", "简体中文")
};

/// English (the source language, with its plural forms), German and Simplified Chinese.
QList<Language> availableLanguages();

/// The language chosen in View → Language, or "" to follow the system locale.
QString languageSetting();
void setLanguageSetting(const QString& code);

/// The translation LossCast uses for `locale`: the first of its UI languages with a translation, else "en".
QString languageFor(const QLocale& locale);

/// Installs LossCast's translators (English plural forms first, then the chosen language over them) and Qt's
/// own (standard dialogs, QCommandLineParser) when Qt's translations are installed. `code` empty (or not a
/// translation) = the remembered choice when `useSetting`, else the system locale. Call after QApplication
/// exists and before any window or QCommandLineParser is made. Replaces translators installed by an earlier
/// call. Returns the code in use.
QString installTranslations(QCoreApplication& app, const QString& code = {}, bool useSetting = true);

/// View → Language: "System default" and every available language, the current choice checked. Choosing one
/// remembers it; it applies from the next start (the window is not rebuilt under the user's hands).
QMenu* createLanguageMenu(QWidget* parent);

} // namespace losscast::app
