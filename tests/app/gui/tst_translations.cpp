// Translations at work: English has its plural forms, the window's menus and `losscast --help` follow the
// locale (LANG), View → Language and --language.
#include "app/gui/language.h"
#include "app/gui/mainwindow.h"
#include "tsfile.h"

#include <QtTest>

#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using losscast::app::MainWindow;

using namespace tstest;

namespace {

struct Ran
{
    int code = -1;
    QString out;
};

Ran runGui(const QStringList& args, const QMap<QString, QString>& env, const QString& configHome)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"})
        e.remove(QString::fromLatin1(v));
    e.insert("QT_QPA_PLATFORM", "offscreen");
    e.insert("XDG_CONFIG_HOME", configHome); // the remembered language lives in LossCast's settings here
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(LOSSCAST_GUI), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput())};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void englishPluralForms();
    void translatedPluralForms_data();
    void translatedPluralForms();
    void languageForLocale_data();
    void languageForLocale();
    void windowMenusFollowTheLanguage_data();
    void windowMenusFollowTheLanguage();
    void languageMenuRemembersTheChoice();
    void helpFollowsTheSystemLocale_data();
    void helpFollowsTheSystemLocale();
    void rememberedLanguageOverridesTheLocale();
};

void TestTranslations::initTestCase()
{
    QCoreApplication::setOrganizationName("LossCastTest");
    QCoreApplication::setApplicationName("tst_translations");
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       QDir::tempPath() + "/losscast-tst-translations");
    QSettings().clear();
}

void TestTranslations::cleanup()
{
    QSettings().clear();
    losscast::app::installTranslations(*QCoreApplication::instance(), "en", false);
}

// English says "1 run" and "2 runs": every plural string of the window, through the installed translators.
void TestTranslations::englishPluralForms()
{
    QCOMPARE(losscast::app::installTranslations(*QCoreApplication::instance(), "en", false), QString("en"));
    const TsFile ts = readTs(tsPath("en"));
    QVERIFY(ts.messages.size() >= 5);
    for (const Message& m : ts.messages) {
        const QByteArray ctx = m.context.toUtf8(), src = m.source.toUtf8();
        const QString one = QCoreApplication::translate(ctx, src, nullptr, 1);
        const QString two = QCoreApplication::translate(ctx, src, nullptr, 2);
        QVERIFY2(!one.contains("(s)") && !two.contains("(s)") && !one.contains("(es)"),
                 qPrintable(one + " / " + two));
        QVERIFY2(one != two, qPrintable(one));
        QVERIFY2(m.source.contains("%n") ? one.contains('1') && two.contains('2') : true, qPrintable(one));
    }
    QCOMPARE(QCoreApplication::translate("losscast::app::MainWindow", "Fitting %1 on %n run(s)…", nullptr, 1),
             QString("Fitting %1 on 1 run…"));
    QCOMPARE(QCoreApplication::translate("losscast::app::MainWindow", "Fitting %1 on %n run(s)…", nullptr, 3),
             QString("Fitting %1 on 3 runs…"));
}

void TestTranslations::translatedPluralForms_data()
{
    QTest::addColumn<QString>("lang");
    for (const QString& l : kLanguages)
        QTest::newRow(qPrintable(l)) << l;
}

void TestTranslations::translatedPluralForms()
{
    QFETCH(QString, lang);
    QCOMPARE(losscast::app::installTranslations(*QCoreApplication::instance(), lang, false), lang);
    const QString en = QStringLiteral("Fitting %1 on %n run(s)…");
    const QString one = QCoreApplication::translate("losscast::app::MainWindow", en.toUtf8(), nullptr, 1);
    const QString five = QCoreApplication::translate("losscast::app::MainWindow", en.toUtf8(), nullptr, 5);
    QVERIFY2(one.contains('1') && five.contains('5') && !one.startsWith("Fitting"), qPrintable(one));
}

void TestTranslations::languageForLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("lang");
    QTest::newRow("de_DE") << "de_DE"
                           << "de";
    QTest::newRow("de_AT") << "de_AT"
                           << "de";
    QTest::newRow("de_CH") << "de_CH"
                           << "de";
    QTest::newRow("zh_CN") << "zh_CN"
                           << "zh_CN";
    QTest::newRow("zh_SG") << "zh_SG"
                           << "zh_CN";
    QTest::newRow("zh_TW (traditional script)") << "zh_TW"
                                                << "en";
    QTest::newRow("fr_FR") << "fr_FR"
                           << "en";
    QTest::newRow("en_GB") << "en_GB"
                           << "en";
    QTest::newRow("C") << "C"
                       << "en";
}

void TestTranslations::languageForLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, lang);
    QCOMPARE(losscast::app::languageFor(QLocale(locale)), lang);
}

void TestTranslations::windowMenusFollowTheLanguage_data()
{
    QTest::addColumn<QString>("lang");
    for (const QString& l : kLanguages)
        QTest::newRow(qPrintable(l)) << l;
}

// The menu titles are the .ts translations (not the English source) once the language's translator is in.
void TestTranslations::windowMenusFollowTheLanguage()
{
    QFETCH(QString, lang);
    QCOMPARE(losscast::app::installTranslations(*QCoreApplication::instance(), lang, false), lang);
    MainWindow w;
    QStringList titles;
    for (QAction* a : w.menuBar()->actions())
        titles << a->text();
    QVERIFY(titles.size() >= 5);
    for (const char* src : {"&File", "&Edit", "&View", "F&it", "&Help"}) {
        const QString expected = translationIn(lang, "losscast::app::MainWindow", src);
        QVERIFY2(!expected.isEmpty() && expected != QLatin1String(src), src);
        QVERIFY2(titles.contains(expected), qPrintable(titles.join(", ") + " lacks " + expected));
    }
    QVERIFY(!titles.contains("&File"));
    auto* language = w.findChild<QMenu*>("menuLanguage");
    QVERIFY(language);
    QCOMPARE(language->title(), translationIn(lang, "losscast::app::Language", "&Language"));
}

void TestTranslations::languageMenuRemembersTheChoice()
{
    MainWindow w;
    auto* german = w.findChild<QAction*>("actionLanguage_de");
    auto* system = w.findChild<QAction*>("actionLanguage_system");
    QVERIFY(german && system);
    QVERIFY(system->isChecked()); // nothing chosen yet: the system's
    german->trigger();
    QCOMPARE(QSettings().value("language").toString(), QString("de"));
    QCOMPARE(losscast::app::languageSetting(), QString("de"));
    QTRY_VERIFY(w.findChild<QMessageBox*>("languageChangedBox")); // says when it applies
    // The next window shows the choice checked; the next start installs it.
    MainWindow next;
    QVERIFY(next.findChild<QAction*>("actionLanguage_de")->isChecked());
    QCOMPARE(losscast::app::installTranslations(*QCoreApplication::instance()), QString("de"));
    system->trigger();
    QVERIFY(!QSettings().contains("language"));
}

void TestTranslations::helpFollowsTheSystemLocale_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("expectLang");
    QTest::newRow("LANG=de_DE.UTF-8") << "de_DE.UTF-8"
                                      << "de";
    QTest::newRow("LANG=zh_CN.UTF-8") << "zh_CN.UTF-8"
                                      << "zh_CN";
    QTest::newRow("LANG=fr_FR.UTF-8") << "fr_FR.UTF-8"
                                      << "en";
}

// `losscast --help` as a user runs it: its description and option texts in the locale's language.
void TestTranslations::helpFollowsTheSystemLocale()
{
    QFETCH(QString, lang);
    QFETCH(QString, expectLang);
    QTemporaryDir config;
    const Ran r = runGui({"--help"}, {{"LANG", lang}}, config.path());
    QCOMPARE(r.code, 0);
    const QString description = "Fit scaling laws to training runs and predict other schedules.";
    const QString option = "Render the window to OUT.png and exit.";
    if (expectLang == QLatin1String("en")) {
        QVERIFY2(r.out.contains(description) && r.out.contains(option), qPrintable(r.out));
        return;
    }
    for (const QString& s : {description, option}) {
        const QString t = translationIn(expectLang, "QObject", s);
        QVERIFY2(!t.isEmpty() && t != s, qPrintable(s));
        QVERIFY2(r.out.contains(t), qPrintable(r.out));
        QVERIFY2(!r.out.contains(s), qPrintable(r.out));
    }
}

// View → Language's choice, remembered in the settings, wins over LANG; --language wins over both.
void TestTranslations::rememberedLanguageOverridesTheLocale()
{
    QTemporaryDir config;
    QDir(config.path()).mkpath("LossCast");
    {
        QFile f(config.filePath("LossCast/LossCast.conf"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[General]\nlanguage=zh_CN\n");
    }
    const QString zh = translationIn("zh_CN", "QObject", "Render the window to OUT.png and exit.");
    const QString de = translationIn("de", "QObject", "Render the window to OUT.png and exit.");
    QVERIFY(!zh.isEmpty() && !de.isEmpty());
    Ran r = runGui({"--help"}, {{"LANG", "de_DE.UTF-8"}}, config.path());
    QVERIFY2(r.out.contains(zh), qPrintable(r.out));
    r = runGui({"--language", "de", "--help"}, {{"LANG", "en_US.UTF-8"}}, config.path());
    QVERIFY2(r.out.contains(de), qPrintable(r.out));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
