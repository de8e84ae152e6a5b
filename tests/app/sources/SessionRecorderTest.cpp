// SessionRecorder: recording the GUI session to a .psrec as it runs, and the
// flight recorder's "save the last 15 minutes", with a real embedded pool on
// the simulated server. What the file holds must be what the dashboard
// showed: the same snapshot lines the headless mode would print.

#include <sys/resource.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <csignal>

#include "core/recording/RecordingReader.h"
#include "app/sources/HealthMonitor.h"
#include "app/sources/SessionRecorder.h"
#include "app/sources/SourceManager.h"
#include "app/ui/GuiOptions.h"
#include "app/ui/MainMenus.h"
#include "app/ui/MainWindow.h"
#include "app/ui/StatusBar.h"
#include "app/ui/Theme.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

class SessionRecorderTest : public QObject {
    Q_OBJECT

    static EmbeddedSpec spec(const QString& url) {
        EmbeddedSpec s;
        s.url = url;
        s.pool = GuiOptions::defaultPool();
        s.pool.name = "rec";
        s.workload = GuiOptions::defaultWorkload();
        return s;
    }

    static QByteArray bytesOf(const QString& file) {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static std::vector<std::string> framesOf(RecordingReader& reader) {
        std::vector<std::string> lines;
        reader.scanFrames([&](const ReplayFrame& f) {
            lines.push_back(f.line);
            return true;
        });
        return lines;
    }

private slots:
    void recordsTheLinesShownTheEventsAndNoPassword() {
        QTemporaryDir dir;
        const QString file = dir.filePath("session.psrec");
        SourceManager sources;
        HealthMonitor health(sources, Thresholds::defaults());
        SessionRecorder recorder(sources, health);
        // What the dashboard shows, as the headless mode would print it:
        // connected after the recorder, so both see the same evaluation.
        std::vector<std::string> shown;
        connect(&health, &HealthMonitor::evaluated, this,
                [&](const QString&, const PoolSnapshot& snapshot, const PoolHealth& h) {
                    shown.push_back(snapshotToJsonLine(snapshot, h));
                });
        const QString pool = sources.addEmbedded(spec("sim://alice:s3cret@db.example?query_ms=1"));
        QTRY_VERIFY_WITH_TIMEOUT(shown.size() >= 3, 5000);

        QSignalSpy changed(&recorder, &SessionRecorder::recordingChanged);
        QSignalSpy progressed(&recorder, &SessionRecorder::progressed);
        QCOMPARE(recorder.start(file), QString());
        QVERIFY(recorder.recording());
        QCOMPARE(recorder.path(), file);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!recorder.start(file).isEmpty());  // one recording at a time
        const size_t firstShown = shown.size();
        QTest::qWait(2000);
        QVERIFY(progressed.count() >= 2);
        QVERIFY(recorder.progress().snapshots > 0);
        QVERIFY(recorder.progress().bytes > 0);
        const size_t lastShown = shown.size();

        QSignalSpy stopped(&recorder, &SessionRecorder::stopped);
        recorder.stop();
        QVERIFY(!recorder.recording());
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
        QCOMPARE(stopped[0][0].toString(), file);
        QCOMPARE(stopped[0][1].toString(), QString());

        auto reader = RecordingReader::open(file.toStdString());
        QVERIFY2(reader, reader ? "" : reader.message().c_str());
        const std::vector<std::string> lines = framesOf(**reader);
        // Every line shown while recording, byte for byte, in order.
        QVERIFY2(lines.size() >= 10, qPrintable(QString::number(lines.size())));
        const std::vector<std::string> during(shown.begin() + static_cast<ptrdiff_t>(firstShown),
                                              shown.begin() + static_cast<ptrdiff_t>(lastShown));
        auto at = std::search(lines.begin(), lines.end(), during.begin(), during.end());
        QVERIFY(at != lines.end());
        for (const std::string& line : lines)
            QVERIFY(std::find(shown.begin(), shown.end(), line) != shown.end());
        QCOMPARE((*reader)->pools().size(), size_t{1});
        QCOMPARE((*reader)->pools().front().name, pool.toStdString());

        const auto span = (*reader)->span();
        QVERIFY(span);
        auto events = (*reader)->events(span->firstMs - 60'000, span->lastMs + 60'000);
        QVERIFY(events);
        QVERIFY2(events->size() > 10, qPrintable(QString::number(events->size())));

        // The meta says where it came from, never with the password.
        const RecordingMeta& meta = (*reader)->meta();
        QVERIFY2(QString::fromStdString(meta.source).contains("alice:***@db.example"),
                 meta.source.c_str());
        QVERIFY(!meta.thresholds.empty());
        QVERIFY(!meta.host.empty());
        QVERIFY(meta.startMs > 0);
        QVERIFY(!meta.appVersion.empty());
        QVERIFY(!bytesOf(file).contains("s3cret"));
    }

    void savesTheLastSecondsFromTheFlightRecorder() {
        QTemporaryDir dir;
        SourceManager sources;
        HealthMonitor health(sources, Thresholds::defaults());
        SessionRecorder recorder(sources, health, nullptr, /*flightWindowMs=*/1500);
        sources.addEmbedded(spec("sim://?query_ms=1"));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.flight().stats().snapshots >= 10, 5000);
        QTest::qWait(1500);
        // The window is 1.5 s (at 10 snapshots a second): older data has gone,
        // memory stays bounded.
        const FlightRecorder::Stats kept = recorder.flight().stats();
        QVERIFY2(kept.snapshots <= 17, qPrintable(QString::number(kept.snapshots)));
        QVERIFY(kept.lastMs - kept.firstMs <= 2000);  // an event block may start a poll earlier
        QVERIFY(kept.events > 0);

        const QString file = dir.filePath("last.psrec");
        QSignalSpy saved(&recorder, &SessionRecorder::flightSaved);
        recorder.saveFlight(file);
        QVERIFY(recorder.savingFlight());
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
        QCOMPARE(saved[0][0].toString(), file);
        QCOMPARE(saved[0][1].toString(), QString());
        QVERIFY(!recorder.savingFlight());

        auto reader = RecordingReader::open(file.toStdString());
        QVERIFY2(reader, reader ? "" : reader.message().c_str());
        const auto span = (*reader)->span();
        QVERIFY(span);
        QVERIFY2(span->lastMs - span->firstMs >= 1000,
                 qPrintable(QString::number(span->lastMs - span->firstMs)));
        QVERIFY(framesOf(**reader).size() >= 10);
        QVERIFY(span->lastMs >= kept.lastMs - 500);  // up to the newest data
        auto events = (*reader)->events(span->firstMs - 60'000, span->lastMs + 60'000);
        QVERIFY(events && !events->empty());
    }

    void anUnwritablePathIsAMessageNotACrash() {
        SourceManager sources;
        HealthMonitor health(sources, Thresholds::defaults());
        SessionRecorder recorder(sources, health);
        sources.addEmbedded(spec("sim://?query_ms=1"));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.flight().stats().snapshots >= 3, 5000);

        const QString bad = QStringLiteral("/nonexistent-poolscope-dir/x.psrec");
        QSignalSpy changed(&recorder, &SessionRecorder::recordingChanged);
        const QString error = recorder.start(bad);
        QVERIFY2(error.contains(bad), qPrintable(error));
        QVERIFY(!recorder.recording());
        QCOMPARE(changed.count(), 0);
        recorder.stop();  // harmless when not recording

        QSignalSpy saved(&recorder, &SessionRecorder::flightSaved);
        recorder.saveFlight(bad);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 5000);
        QVERIFY2(saved[0][1].toString().contains(bad), qPrintable(saved[0][1].toString()));

        // A file that is not a recording is never overwritten.
        QTemporaryDir dir;
        const QString precious = dir.filePath("notes.psrec");
        {
            QFile f(precious);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("my notes, not a recording\n");
        }
        QVERIFY(!recorder.start(precious).isEmpty());
        QCOMPARE(bytesOf(precious), QByteArray("my notes, not a recording\n"));
    }

    void aFailedWriteStopsTheRecordingWithAMessage() {
        QTemporaryDir dir;
        SourceManager sources;
        HealthMonitor health(sources, Thresholds::defaults());
        SessionRecorder recorder(sources, health);
        sources.addEmbedded(spec("sim://?query_ms=1"));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.flight().stats().snapshots >= 3, 5000);
        const QString file = dir.filePath("full.psrec");
        QCOMPARE(recorder.start(file), QString());

        // The disk fills up: from now on no file of this process may grow past
        // 48 KiB (writes fail with EFBIG instead of raising SIGXFSZ).
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit small = old;
        small.rlim_cur = 48 * 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        QSignalSpy stopped(&recorder, &SessionRecorder::stopped);
        QSignalSpy changed(&recorder, &SessionRecorder::recordingChanged);
        const bool stoppedInTime = QTest::qWaitFor([&] { return stopped.count() == 1; }, 15000);
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY(stoppedInTime);

        QVERIFY(!recorder.recording());
        QCOMPARE(changed.count(), 1);
        const QString error = stopped[0][1].toString();
        QVERIFY2(error.contains(file) && error.contains("keeps what was written before"),
                 qPrintable(error));
        // Once there is room again, a new recording starts as usual.
        QCOMPARE(recorder.start(dir.filePath("again.psrec")), QString());
        recorder.stop();
    }

    void defaultFileNameCarriesTheTime() {
        const QDateTime t(QDate(2026, 3, 4), QTime(5, 6, 7));
        QCOMPARE(SessionRecorder::defaultFileName(t),
                 QStringLiteral("poolscope-20260304-050607.psrec"));
    }

    void theMainWindowShowsTheRecordingInTheStatusBar() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("settings.ini"), QSettings::IniFormat);
        SourceManager sources;
        Theme theme;
        MainWindow window(sources, theme, settings, false);
        window.show();
        sources.addEmbedded(spec("sim://?query_ms=1"));
        SessionRecorder* recorder = window.sessionRecorder();
        QVERIFY(recorder);
        QVERIFY(window.statusBarWidget()->recordingText().isEmpty());
        QCOMPARE(window.menus()->record->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));

        const QString file = dir.filePath("window.psrec");
        QCOMPARE(recorder->start(file), QString());
        QVERIFY(window.menus()->record->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(recorder->progress().bytes > 0, 5000);
        QTRY_VERIFY(window.statusBarWidget()->recordingText().contains("window.psrec"));

        // Unchecking the action stops the recording; the indicator goes away.
        QSignalSpy stopped(recorder, &SessionRecorder::stopped);
        window.menus()->record->trigger();
        QVERIFY(!recorder->recording());
        QVERIFY(!window.menus()->record->isChecked());
        QVERIFY(window.statusBarWidget()->recordingText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
        QVERIFY(RecordingReader::open(file.toStdString()));
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::SessionRecorderTest)
#include "SessionRecorderTest.moc"
