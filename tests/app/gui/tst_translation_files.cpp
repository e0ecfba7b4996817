// The .ts files: complete (no unfinished, obsolete or vanished entry, every plural form, placeholders and
// accelerators kept) and up to date with the sources (lupdate into a copy changes nothing), so a window
// string added without its German and Chinese translation fails here.
#include "tsfile.h"

#include <QtTest>

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace tstest;

namespace {

QSet<QString> placeholders(const QString& s)
{
    QSet<QString> out;
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

} // namespace

class TestTranslationFiles : public QObject
{
    Q_OBJECT
private slots:
    void tsFilesComplete_data();
    void tsFilesComplete();
    void tsFilesUpToDate();
};

void TestTranslationFiles::tsFilesComplete_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<int>("forms"); // numerus forms of the language
    QTest::newRow("de") << "de" << 2;
    QTest::newRow("zh_CN") << "zh_CN" << 1;
    QTest::newRow("en") << "en" << 2;
}

// No unfinished, obsolete or vanished entry; every placeholder of the source in the translation (a lost %1
// prints the wrong number); an accelerator wherever the source has one; English holds plural forms only.
void TestTranslationFiles::tsFilesComplete()
{
    QFETCH(QString, lang);
    QFETCH(int, forms);
    const TsFile ts = readTs(tsPath(lang));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QVERIFY(!ts.messages.isEmpty());
    QStringList problems;
    static const QRegularExpression accel(QStringLiteral("&[^&\\s]"));
    for (const Message& m : ts.messages) {
        const QString where = m.context + ": \"" + m.source.left(60) + '"';
        if (!m.type.isEmpty())
            problems << m.type + ": " + where;
        if (lang == QLatin1String("en") && !m.numerus)
            problems << "English holds a non-plural string: " + where;
        if (m.numerus && m.translations.size() != forms)
            problems
                << QStringLiteral("%1 plural forms instead of %2: ").arg(m.translations.size()).arg(forms) +
                       where;
        for (const QString& t : m.translations) {
            if (t.trimmed().isEmpty()) {
                problems << "empty: " + where;
                continue;
            }
            if (placeholders(t) != placeholders(m.source) &&
                !(m.numerus && (placeholders(t) | QSet<QString>{"%n"}) == placeholders(m.source)))
                problems << "placeholders differ: " + where + " → \"" + t.left(60) + '"';
            if (m.source.contains(accel) && !t.contains(accel))
                problems << "accelerator lost: " + where + " → \"" + t.left(60) + '"';
        }
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 (%2):\n").arg(tsPath(lang)).arg(problems.size()) +
                        problems.mid(0, 40).join('\n')));
}

// lupdate, run exactly as `cmake --build build --target update_translations` runs it, into a copy of the .ts
// files must change nothing: a string added to or changed in the sources without updating (and translating)
// the .ts files fails here.
void TestTranslationFiles::tsFilesUpToDate()
{
    QFile list(QStringLiteral(LOSSCAST_TR_SOURCES_FILE));
    QVERIFY2(list.open(QIODevice::ReadOnly | QIODevice::Text), LOSSCAST_TR_SOURCES_FILE);
    const QStringList sources = QString::fromUtf8(list.readAll()).split('\n', Qt::SkipEmptyParts);
    QVERIFY(sources.size() > 10);
    QTemporaryDir dir;
    const QString listFile = dir.filePath("sources.lst");
    {
        QFile f(listFile);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
        f.write(sources.join('\n').toUtf8());
    }
    QStringList problems;
    for (const QString& lang : kLanguages + QStringList{"en"}) {
        const QString copy = dir.filePath("losscast_" + lang + ".ts");
        QVERIFY(QFile::copy(tsPath(lang), copy));
        QStringList args = QString::fromUtf8(LOSSCAST_LUPDATE_OPTIONS).split('|', Qt::SkipEmptyParts);
        if (lang == QLatin1String("en"))
            args << "-pluralonly";
        args << "-I" << LOSSCAST_SOURCE_DIR << "@" + listFile << "-ts" << copy;
        QProcess p;
        p.start(QStringLiteral(LOSSCAST_LUPDATE), args);
        QVERIFY2(p.waitForFinished(120000), "lupdate did not finish");
        QVERIFY2(p.exitCode() == 0, qPrintable(p.readAllStandardError()));
        const TsFile committed = readTs(tsPath(lang)), updated = readTs(copy);
        QVERIFY2(updated.error.isEmpty(), qPrintable(updated.error));
        QHash<QString, Message> before;
        for (const Message& m : committed.messages)
            before.insert(m.key(), m);
        QSet<QString> after;
        for (const Message& m : updated.messages) {
            after << m.key();
            if (!before.contains(m.key()))
                problems << lang + ": new in the sources, not in the .ts: " + m.context + ": \"" +
                                m.source.left(80) + '"';
        }
        for (const Message& m : committed.messages)
            if (!after.contains(m.key()))
                problems << lang + ": in the .ts, gone from the sources: " + m.context + ": \"" +
                                m.source.left(80) + '"';
    }
    QVERIFY2(
        problems.isEmpty(),
        qPrintable(QStringLiteral("The .ts files are out of date (%1); run `cmake --build build --target "
                                  "update_translations` and translate the new strings "
                                  "(translations/README.md):\n")
                       .arg(problems.size()) +
                   problems.mid(0, 40).join('\n')));
}

QTEST_MAIN(TestTranslationFiles)
#include "tst_translation_files.moc"
