// ReplaySource: a recording played back as a Source. The views must receive
// the recorded snapshots and events as the live session produced them, seek
// both ways, jump to alerts, loop, and fail on bad files with the reader's
// own message.

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/recording/RecordingWriter.h"
#include "core/recording/SqliteDb.h"
#include "app/sources/ReplaySource.h"
#include "app/sources/SourceManager.h"
#include "core/telemetry/SnapshotJson.h"

namespace poolscope {

namespace {

constexpr int64_t kT0 = 1'714'557'600'000;  // 2024-05-01 10:00:00 UTC
constexpr int kFrames = 30;                 // per pool, 100 ms apart
constexpr int64_t kStepMs = 100;
const QStringList kPools = {"alpha", "beta"};

int64_t frameTime(int i) { return kT0 + i * kStepMs; }

PoolSnapshot makeSnapshot(int i, const std::string& pool) {
    PoolSnapshot s;
    s.tMs = frameTime(i);
    s.pool = pool;
    s.driver = "sim";
    s.lifecycle = Lifecycle::Started;
    s.config.name = pool;
    s.config.maxOpen = 8;
    s.counts.inUse = i % 8;
    s.counts.idle = 8 - i % 8;
    s.counts.open = 8;
    s.counts.waiting = pool == "beta" ? i % 3 : 0;
    s.totals.acquired = static_cast<uint64_t>(i) * 11;
    s.totals.created = 8;
    s.wait = {0.5, 1.0 + i, 2.0 + i, 3.0 + i};
    for (int c = 0; c < 3; ++c) {
        ConnectionInfo ci;
        ci.id = static_cast<uint64_t>(c + 1);
        ci.state = c < s.counts.inUse ? ConnState::InUse : ConnState::Idle;
        ci.createdMs = kT0 - 1000;
        ci.sinceMs = s.tMs - c;
        s.connections.push_back(ci);
    }
    return s;
}

/// Two events per pool per frame (after the first), in (previous, frame].
std::vector<TransitionEvent> makeEvents(int i, uint64_t& seq) {
    std::vector<TransitionEvent> out;
    for (int k = 0; k < 2; ++k) {
        TransitionEvent e;
        e.seq = ++seq;
        e.tMs = frameTime(i) - 40 + k * 10;
        e.monoNs = e.tMs * 1'000'000;
        e.conn = 1;
        e.from = k == 0 ? ConnState::Idle : ConnState::InUse;
        e.to = k == 0 ? ConnState::InUse : ConnState::Idle;
        e.reason = k == 0 ? Reason::Acquire : Reason::Release;
        out.push_back(e);
    }
    return out;
}

/// Alert changes at frames 10 (warning, firing) and 20 (resolved).
const int64_t kAlert1 = frameTime(10);
const int64_t kAlert2 = frameTime(20);

/// Records kFrames frames of both pools with events and alerts; the lines
/// written per pool are returned for comparison.
QMap<QString, QStringList> record(const QString& path) {
    QMap<QString, QStringList> lines;
    RecordingMeta meta;
    meta.appVersion = "0.1.0-test";
    meta.source = "sim://?query_ms=1";
    meta.startMs = kT0;
    auto w = RecordingWriter::create(path.toStdString(), meta);
    if (!w) qFatal("cannot create %s: %s", qPrintable(path), w.message().c_str());
    std::map<std::string, uint64_t> seq;
    for (int i = 0; i < kFrames; ++i) {
        RecordingBatch batch;
        for (const QString& pool : kPools) {
            const PoolSnapshot s = makeSnapshot(i, pool.toStdString());
            const std::string line = snapshotToJsonLine(s);
            lines[pool] << QString::fromStdString(line);
            batch.snapshots.push_back(RecordedSnapshot::of(s, line));
            if (i > 0) batch.events.push_back({pool.toStdString(), makeEvents(i, seq[pool.toStdString()])});
        }
        if (frameTime(i) == kAlert1)
            batch.alerts.push_back({kAlert1, "beta", "wait_p95", "", "warning", "firing", "wait", 5, 4});
        if (frameTime(i) == kAlert2)
            batch.alerts.push_back({kAlert2, "beta", "wait_p95", "", "warning", "resolved", "ok", 1, 4});
        if (auto s = (*w)->write(batch); !s) qFatal("write: %s", s.message().c_str());
    }
    if (auto s = (*w)->close(frameTime(kFrames - 1)); !s) qFatal("close: %s", s.message().c_str());
    return lines;
}

/// The newest snapshot of `pool` among the spy's arguments.
std::optional<PoolSnapshot> newest(const QSignalSpy& spy, const QString& pool) {
    for (qsizetype i = spy.size() - 1; i >= 0; --i) {
        const auto s = spy.at(i).at(0).value<PoolSnapshot>();
        if (QString::fromStdString(s.pool) == pool) return s;
    }
    return std::nullopt;
}

}  // namespace

class ReplaySourceTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString path_;
    QMap<QString, QStringList> lines_;

private slots:
    void initTestCase() {
        registerPoolScopeMetaTypes();
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath("session.psrec");
        lines_ = record(path_);
    }

    void asFastAsPossibleDeliversEverySnapshotAndEventAsRecorded() {
        ReplaySource src(path_, /*autoPlay=*/false);
        QSignalSpy pools(&src, &ReplaySource::poolsOpened);
        QSignalSpy opened(&src, &ReplaySource::spanKnown);
        QSignalSpy snapshots(&src, &Source::snapshotReady);
        QSignalSpy events(&src, &Source::eventsReady);
        QSignalSpy finished(&src, &ReplaySource::finished);
        QSignalSpy failed(&src, &Source::failed);
        src.start();
        QCOMPARE(failed.count(), 0);
        QCOMPARE(pools.count(), 1);
        QCOMPARE(pools.at(0).at(0).toStringList(), kPools);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), frameTime(0));
        QCOMPARE(opened.at(0).at(1).toLongLong(), frameTime(kFrames - 1));
        QCOMPARE(opened.at(0).at(2).value<QList<qint64>>(), (QList<qint64>{kAlert1, kAlert2}));
        QCOMPARE(opened.at(0).at(3).toStringList(), (QStringList{"warning", "resolved"}));
        QCOMPARE(snapshots.count(), 2);  // the state at the start: one frame per pool

        src.setSpeed(0);
        src.play();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QMap<QString, QStringList> got;
        for (const auto& args : snapshots) {
            const auto s = args.at(0).value<PoolSnapshot>();
            got[QString::fromStdString(s.pool)] << QString::fromStdString(snapshotToJsonLine(s));
        }
        QCOMPARE(got.value("alpha"), lines_.value("alpha"));
        QCOMPARE(got.value("beta"), lines_.value("beta"));

        QMap<QString, std::vector<uint64_t>> seqs;
        for (const auto& args : events)
            for (const TransitionEvent& e : args.at(1).value<std::vector<TransitionEvent>>())
                seqs[args.at(0).toString()].push_back(e.seq);
        for (const QString& pool : kPools) {
            const auto& s = seqs[pool];
            QCOMPARE(s.size(), size_t(2 * (kFrames - 1)));
            for (size_t i = 0; i < s.size(); ++i) QCOMPARE(s[i], uint64_t(i + 1));
        }
    }

    void seekingBackAndForthShowsTheStateAtThePosition() {
        ReplaySource src(path_, false);
        QSignalSpy snapshots(&src, &Source::snapshotReady);
        QSignalSpy position(&src, &ReplaySource::positionChanged);
        src.start();
        for (int frame : {20, 5, 25, 0, 29}) {
            snapshots.clear();
            src.seek(frameTime(frame) + 50);  // between two frames: the older one counts
            QCOMPARE(position.last().at(0).toLongLong(), frameTime(frame) + (frame == 29 ? 0 : 50));
            QCOMPARE(position.last().at(1).toBool(), false);
            QCOMPARE(snapshots.count(), 2);
            for (const QString& pool : kPools) {
                const auto s = newest(snapshots, pool);
                QVERIFY(s);
                QCOMPARE(QString::fromStdString(snapshotToJsonLine(*s)), lines_[pool].at(frame));
            }
        }
        // Played forward from a seek, frames follow on from there.
        src.seek(frameTime(5));
        snapshots.clear();
        src.setSpeed(0);
        src.play();
        QTRY_VERIFY(snapshots.count() >= 4);
        QCOMPARE(newest(snapshots, "alpha")->tMs >= frameTime(6), true);
        QCOMPARE(snapshots.at(0).at(0).value<PoolSnapshot>().tMs, frameTime(6));
    }

    void nextAlertJumpsToEachAlertThenStays() {
        ReplaySource src(path_, false);
        QSignalSpy position(&src, &ReplaySource::positionChanged);
        src.start();
        src.jumpToNextAlert();
        QCOMPARE(position.last().at(0).toLongLong(), kAlert1);
        src.jumpToNextAlert();
        QCOMPARE(position.last().at(0).toLongLong(), kAlert2);
        const auto before = position.count();
        src.jumpToNextAlert();  // none left
        QCOMPARE(position.count(), before);
    }

    void loopStaysWithinTheRange() {
        ReplaySource src(path_, false);
        QSignalSpy position(&src, &ReplaySource::positionChanged);
        QSignalSpy finished(&src, &ReplaySource::finished);
        src.start();
        src.setLoop(frameTime(15), frameTime(10));  // either order
        QCOMPARE(position.last().at(0).toLongLong(), frameTime(10));
        src.setSpeed(0);
        src.play();
        position.clear();
        // Until the loop has wrapped at least once (a generous deadline, no
        // fixed sleep: a loaded or sanitised run plays fewer frames a second).
        const auto wrapped = [&position] {
            qint64 previous = frameTime(10);
            for (const auto& args : position) {
                const qint64 t = args.at(0).toLongLong();
                if (t < previous) return true;
                previous = t;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(position.count() > 5 && wrapped(), 15000);
        for (const auto& args : position) {
            const qint64 t = args.at(0).toLongLong();
            QVERIFY2(t >= frameTime(10) && t <= frameTime(15), qPrintable(QString::number(t - kT0)));
        }
        QCOMPARE(finished.count(), 0);
        src.clearLoop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    }

    void pacedPlaybackFollowsTheSpeed() {
        ReplaySource src(path_, false);
        QSignalSpy finished(&src, &ReplaySource::finished);
        QSignalSpy position(&src, &ReplaySource::positionChanged);
        src.start();
        src.play();  // 1x: the 2.9 s recording cannot be over in 0.3 s
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        const qint64 at = position.last().at(0).toLongLong() - kT0;
        QVERIFY2(at >= 150 && at <= 700, qPrintable(QString::number(at)));
        src.pause();
        QCOMPARE(position.last().at(1).toBool(), false);
        src.setSpeed(100);
        src.play();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 2000);
        QCOMPARE(position.last().at(0).toLongLong(), frameTime(kFrames - 1));
        QCOMPARE(position.last().at(1).toBool(), false);
        // Play at the end starts over.
        src.play();
        QVERIFY(position.last().at(0).toLongLong() < frameTime(2));
    }

    void badFilesFailWithTheReadersMessage_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "missing" << "no such file";
        QTest::newRow("not a recording") << "text" << "is not a PoolScope recording";
        QTest::newRow("truncated") << "truncated" << "truncated.psrec";
        QTest::newRow("newer schema") << "newer" << "open it with a newer PoolScope";
    }
    void badFilesFailWithTheReadersMessage() {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString path = dir_.filePath(kind + ".psrec");
        QFile::remove(path);
        if (kind == "text") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("hello, this is not a database\n");
        } else if (kind == "truncated") {
            QFile in(path_);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(in.read(1500));
        } else if (kind == "newer") {
            QVERIFY(QFile::copy(path_, path));
            auto db = SqliteDb::open(path.toStdString(), SqliteDb::Mode::ReadWrite);
            QVERIFY(db.isOk());
            QVERIFY((*db)->exec("UPDATE meta SET value = '7' WHERE key = 'schema_version'").isOk());
        }
        ReplaySource src(path, false);
        QSignalSpy failed(&src, &Source::failed);
        QSignalSpy snapshots(&src, &Source::snapshotReady);
        src.start();
        QCOMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(snapshots.count(), 0);
        src.seek(kT0);  // commands after a failure do nothing
        src.play();
        src.tick();
        QCOMPARE(snapshots.count(), 0);
    }

    void sourceManagerListsEveryRecordedPoolWithItsWholeHistory() {
        SourceManager m;
        QSignalSpy added(&m, &SourceManager::poolAdded);
        QSignalSpy removed(&m, &SourceManager::poolRemoved);
        auto source = std::make_unique<ReplaySource>(path_, false);
        ReplaySource* r = source.get();
        const QString placeholder = m.addSource(std::move(source), QFileInfo(path_).fileName());
        QCOMPARE(placeholder, QStringLiteral("session.psrec"));
        QTRY_COMPARE_WITH_TIMEOUT(m.pools(), kPools, 5000);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toString(), placeholder);
        QCOMPARE(m.poolsOf(r), kPools);
        // The Timeline holds every recorded sample, whatever the position.
        QTRY_COMPARE_WITH_TIMEOUT(m.timeline().size("alpha"), size_t(kFrames), 5000);
        QTRY_COMPARE(m.timeline().size("beta"), size_t(kFrames));
        QCOMPARE(m.timeline().span("beta")->second, frameTime(kFrames - 1));
        QTRY_VERIFY(m.latest("beta") != nullptr);
        QCOMPARE(m.latest("beta")->tMs, frameTime(0));
        QVERIFY(m.info("beta")->status == PoolInfo::Status::Running);

        QCOMPARE(m.siblingsOf("beta"), kPools);
        // A seek asked through either pool moves the whole recording's "now"
        // (latest) without touching the Timeline; the position is announced
        // under the recording's first pool.
        QSignalSpy position(&m, &SourceManager::positionChanged);
        QSignalSpy finished(&m, &SourceManager::commandFinished);
        m.playback("beta", {PlaybackCommand::Kind::Seek, 1, frameTime(12)});
        QTRY_COMPARE(m.latest("alpha")->tMs, frameTime(12));
        QTRY_COMPARE(m.latest("beta")->tMs, frameTime(12));
        QTRY_VERIFY(!position.isEmpty());
        QCOMPARE(position.last().at(0).toString(), QStringLiteral("alpha"));
        QCOMPARE(position.last().at(1).toLongLong(), frameTime(12));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(m.latest("alpha")->counts.inUse, 12 % 8);
        QCOMPARE(m.timeline().size("alpha"), size_t(kFrames));

        // The recording's pools go together.
        removed.clear();
        m.removePool("beta");
        QCOMPARE(m.pools(), QStringList());
        QCOMPARE(removed.count(), 2);
    }

    void sourceManagerReportsABadRecordingAsAFailedPool() {
        SourceManager m;
        const QString bad = dir_.filePath("bad.psrec");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not sqlite");
        f.close();
        const QString name = m.addSource(std::make_unique<ReplaySource>(bad), QFileInfo(bad).fileName());
        QTRY_VERIFY_WITH_TIMEOUT(m.info(name)->status == PoolInfo::Status::Failed, 5000);
        QVERIFY2(m.info(name)->error.contains("is not a PoolScope recording"), qPrintable(m.info(name)->error));
        QCOMPARE(m.pools(), QStringList{name});
    }
};

}  // namespace poolscope

QTEST_MAIN(poolscope::ReplaySourceTest)
#include "ReplaySourceTest.moc"
