#include "app/gui/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <memory>
#include <vector>

namespace losscast::app {

namespace {

constexpr auto kSettingKey = "language";

/// The translators this module installed, so that a second call replaces rather than stacks them.
std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

bool hasTranslation(const QString& code)
{
    for (const Language& l : availableLanguages())
        if (l.code == code)
            return true;
    return false;
}

} // namespace

QList<Language> availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString languageSetting()
{
    const QString code = QSettings().value(kSettingKey).toString();
    return hasTranslation(code) ? code : QString();
}

void setLanguageSetting(const QString& code)
{
    QSettings s;
    if (code.isEmpty())
        s.remove(kSettingKey);
    else
        s.setValue(kSettingKey, code);
}

QString languageFor(const QLocale& locale)
{
    // uiLanguages() lists the user's preferences, most wanted first ("de-DE", "de", ... or "zh-Hans-CN",
    // "zh-CN", "zh"); any Chinese in simplified script takes zh_CN.
    for (QString ui : locale.uiLanguages()) {
        ui.replace('-', '_');
        if (ui.startsWith(QLatin1String("zh"))) {
            const QLocale l(ui);
            if (l.script() == QLocale::SimplifiedHanScript ||
                (l.script() == QLocale::AnyScript && l.territory() != QLocale::Taiwan &&
                 l.territory() != QLocale::HongKong && l.territory() != QLocale::Macao))
                return QStringLiteral("zh_CN");
            continue;
        }
        const QString lang = ui.section('_', 0, 0);
        if (hasTranslation(lang))
            return lang;
        if (lang == QLatin1String("C")) // LANG=C: the source language
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

QString installTranslations(QCoreApplication& app, const QString& code, bool useSetting)
{
    for (auto& t : installed())
        app.removeTranslator(t.get());
    installed().clear();

    QString lang = code;
    if (!hasTranslation(lang))
        lang = useSetting ? languageSetting() : QString();
    if (lang.isEmpty())
        lang = languageFor(QLocale::system());

    auto load = [&app](const QString& file, const QString& dir) {
        auto t = std::make_unique<QTranslator>();
        if (!t->load(file, dir))
            return false;
        app.installTranslator(t.get());
        installed().push_back(std::move(t));
        return true;
    };
    // Qt's own strings (file dialogs, message box buttons, QCommandLineParser's "Options:") from the system's
    // Qt translations (Debian: qt6-translations-l10n); absent, they stay English.
    if (lang != QLatin1String("en"))
        load(QStringLiteral("qtbase_") + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    // English holds only the plural forms ("1 run" / "2 runs"); it stays installed under the others, so a
    // string a translation lacks still gets English plurals. Translators installed later are asked first.
    load(QStringLiteral("losscast_en"), QStringLiteral(":/i18n"));
    if (lang != QLatin1String("en") && !load(QStringLiteral("losscast_") + lang, QStringLiteral(":/i18n")))
        lang = QStringLiteral("en");
    // QLocale's default (number input and formatting) stays the system's: only the words change.
    return lang;
}

QMenu* createLanguageMenu(QWidget* parent)
{
    auto* menu = new QMenu(QCoreApplication::translate("losscast::app::Language", "&Language"), parent);
    menu->setObjectName(QStringLiteral("menuLanguage"));
    auto* group = new QActionGroup(menu);
    const QString current = languageSetting();
    auto add = [menu, group, current](const QString& code, const QString& text) {
        QAction* a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(code == current);
        a->setData(code);
        a->setObjectName(QStringLiteral("actionLanguage_") +
                         (code.isEmpty() ? QStringLiteral("system") : code));
        group->addAction(a);
    };
    const QString system = languageFor(QLocale::system());
    QString systemName = system;
    for (const Language& l : availableLanguages())
        if (l.code == system)
            systemName = l.nativeName;
    add({}, QCoreApplication::translate("losscast::app::Language", "System Default (%1)").arg(systemName));
    menu->addSeparator();
    for (const Language& l : availableLanguages())
        add(l.code, l.nativeName);
    QObject::connect(group, &QActionGroup::triggered, menu, [parent](QAction* a) {
        const QString code = a->data().toString();
        if (code == languageSetting())
            return;
        setLanguageSetting(code);
        // Not modal-blocking: the window (and scripts driving it) go on.
        auto* box = new QMessageBox(
            QMessageBox::Information, QCoreApplication::translate("losscast::app::Language", "Language"),
            QCoreApplication::translate("losscast::app::Language",
                                        "LossCast will use the new language the next time it starts."),
            QMessageBox::Ok, parent);
        box->setObjectName(QStringLiteral("languageChangedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    return menu;
}

} // namespace losscast::app
