// The Simplified Chinese translation is complete: every string lupdate finds
// in app/ and widgets/ is in the .ts with a finished translation that keeps
// its placeholders, and the compiled .qm translates.

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#ifndef POOLSCOPE_TS_FILE
#error "POOLSCOPE_TS_FILE must name translations/poolscope_zh_CN.ts"
#endif

namespace poolscope {

namespace {

struct Message {
    QString context, source, comment;
    QStringList translations;  // one, or one per numerus form
    QString type;              // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
};

QList<Message> readTs(const QString& file, QString* error) {
    QList<Message> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = "cannot open " + file;
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                m = Message{};
                m.context = context;
                m.numerus = xml.attributes().value("numerus") == QLatin1String("yes");
            } else if (name == QLatin1String("source")) m.source = xml.readElementText();
            else if (name == QLatin1String("comment")) m.comment = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                m.type = xml.attributes().value("type").toString();
                if (!m.numerus) m.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) m.translations << xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << m;
        }
    }
    if (xml.hasError()) *error = xml.errorString();
    return out;
}

QStringList placeholders(const QString& s) {
    static const QRegularExpression re(QStringLiteral("%(\\d|n)"));
    QStringList out;
    for (auto it = re.globalMatch(s); it.hasNext();) out << it.next().captured(0);
    out.sort();
    out.removeDuplicates();
    return out;
}

}  // namespace

class TranslationTest : public QObject {
    Q_OBJECT
private slots:
    void everyEntryIsFinished() {
        QString error;
        const QList<Message> messages = readTs(POOLSCOPE_TS_FILE, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 200);
        for (const Message& m : messages) {
            const QString where = m.context + ": " + m.source;
            QVERIFY2(m.type.isEmpty(), qPrintable(where + " is " + m.type));
            QVERIFY2(!m.translations.isEmpty(), qPrintable(where));
            for (const QString& t : m.translations) {
                QVERIFY2(!t.trimmed().isEmpty() || m.source.trimmed().isEmpty(), qPrintable(where));
                QCOMPARE(placeholders(t), placeholders(m.source));
            }
        }
    }

    void coversEveryStringInTheSources() {
        QTemporaryDir dir;
        const QString fresh = dir.filePath("fresh_zh_CN.ts");
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(POOLSCOPE_LUPDATE, {"-silent", "-locations", "none", "-I", POOLSCOPE_SOURCE_DIR,
                                          POOLSCOPE_SOURCE_DIR "/app",
                                          POOLSCOPE_SOURCE_DIR "/widgets", "-ts", fresh});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        QString error;
        const QList<Message> wanted = readTs(fresh, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> have = readTs(POOLSCOPE_TS_FILE, &error);
        QSet<QString> translated;
        for (const Message& m : have)
            if (m.type.isEmpty()) translated << m.context + '\x1f' + m.source + '\x1f' + m.comment;
        QStringList missing;
        for (const Message& m : wanted)
            if (!translated.contains(m.context + '\x1f' + m.source + '\x1f' + m.comment))
                missing << m.context + ": " + m.source;
        QVERIFY2(missing.isEmpty(), qPrintable("not translated:\n" + missing.join('\n')));
    }

    void compiledTranslationLoads() {
        QTranslator t;
        QVERIFY(t.load(POOLSCOPE_QM_FILE));
        QCOMPARE(t.translate("poolscope::MainWindow", "Pools"), QStringLiteral("连接池"));
        QVERIFY(!t.translate("poolscope::ChartsPanel", "%1 min").isEmpty());
    }
};

}  // namespace poolscope

QTEST_GUILESS_MAIN(poolscope::TranslationTest)
#include "TranslationTest.moc"
