#pragma once
// Reading Qt Linguist .ts files for the translation tests (tst_translations, tst_translation_files).
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

namespace tstest {

inline const QStringList kLanguages = {QStringLiteral("de"), QStringLiteral("zh_CN")};

/// One <message> of a .ts file.
struct Message
{
    QString context, source, comment, type; ///< type: "", "unfinished", "obsolete", "vanished"
    bool numerus = false;
    QStringList translations; ///< the numerus forms, or the one translation
    QString key() const { return context + QChar(0x1f) + source + QChar(0x1f) + comment; }
};

struct TsFile
{
    QString language;
    QList<Message> messages;
    QString error;
};

inline TsFile readTs(const QString& path)
{
    TsFile ts;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ts.error = path + QStringLiteral(": cannot open");
        return ts;
    }
    QXmlStreamReader x(&f);
    QString context;
    Message m;
    while (!x.atEnd()) {
        x.readNext();
        if (!x.isStartElement())
            continue;
        const auto name = x.name();
        if (name == QLatin1String("TS"))
            ts.language = x.attributes().value("language").toString();
        else if (name == QLatin1String("name"))
            context = x.readElementText();
        else if (name == QLatin1String("message")) {
            m = Message{};
            m.context = context;
            m.numerus = x.attributes().value("numerus") == QLatin1String("yes");
        } else if (name == QLatin1String("source"))
            m.source = x.readElementText();
        else if (name == QLatin1String("comment"))
            m.comment = x.readElementText();
        else if (name == QLatin1String("translation")) {
            m.type = x.attributes().value("type").toString();
            if (m.numerus) {
                while (x.readNextStartElement())
                    m.translations << x.readElementText();
            } else
                m.translations << x.readElementText();
            ts.messages << m;
        }
    }
    if (x.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(x.lineNumber()).arg(x.errorString());
    return ts;
}

inline QString tsPath(const QString& lang)
{
    return QStringLiteral(LOSSCAST_TS_DIR "/losscast_%1.ts").arg(lang);
}

/// The translation of `source` in `context` in the committed .ts of `lang` (empty when absent).
inline QString translationIn(const QString& lang, const QString& context, const QString& source)
{
    for (const Message& m : readTs(tsPath(lang)).messages)
        if (m.context == context && m.source == source && !m.translations.isEmpty())
            return m.translations.first();
    return {};
}

} // namespace tstest
