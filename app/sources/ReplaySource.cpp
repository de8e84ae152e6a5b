#include "app/sources/ReplaySource.h"

#include <QFileInfo>
#include <algorithm>
#include <map>

#include "core/recording/RecordingReader.h"
#include "core/recording/ReplayCursor.h"
#include "core/telemetry/SnapshotLineParser.h"

namespace poolscope {

namespace {

using Steady = std::chrono::steady_clock;

QString fromStd(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

ReplaySource::ReplaySource(QString path, bool autoPlay, QObject* parent)
    : Source(parent), path_(std::move(path)), autoPlay_(autoPlay) {
    qRegisterMetaType<std::vector<PoolSnapshot>>("std::vector<poolscope::PoolSnapshot>");
    description_ = tr("replay %1").arg(QFileInfo(path_).fileName());
}

ReplaySource::~ReplaySource() { stop(); }

void ReplaySource::start() {
    if (reader_ || stopped_) return;
    auto opened = RecordingReader::open(path_.toStdString());
    if (!opened) {
        emit failed(fromStd(opened.message()));
        return;
    }
    reader_ = std::move(*opened);
    if (!reader_->span() || reader_->pools().empty()) {
        emit failed(tr("%1 holds no snapshot to replay").arg(QFileInfo(path_).fileName()));
        reader_.reset();
        return;
    }
    firstMs_ = reader_->span()->firstMs;
    lastMs_ = reader_->span()->lastMs;
    cursor_ = std::make_unique<ReplayCursor>(*reader_);
    const double speed = clock_.speed();  // setSpeed() may have come first
    clock_ = PlaybackClock(firstMs_);
    clock_.setSpeed(speed, Steady::now());
    historyAfterMs_ = firstMs_ - 1;
    // Chunks of about kHistoryChunk samples per pool, whatever the sampling rate.
    const double perPool = static_cast<double>(reader_->snapshotCount()) /
                           static_cast<double>(reader_->pools().size());
    const double msPerSample = static_cast<double>(lastMs_ - firstMs_ + 1) / std::max(1.0, perPool);
    historyChunkMs_ = std::max<int64_t>(1000, static_cast<int64_t>(msPerSample * kHistoryChunk));

    QStringList names;
    for (const RecordedPool& p : reader_->pools()) names << fromStd(p.name);
    emit started(names.first());
    emit poolsOpened(names);
    for (const std::string& w : reader_->warnings()) report(fromStd(w));
    announce();

    timer_ = new QTimer(this);
    timer_->setTimerType(Qt::PreciseTimer);
    connect(timer_, &QTimer::timeout, this, &ReplaySource::tick);
    jump(firstMs_);
    if (autoPlay_) play();
    updateTimer();
    emit positionChanged(cursor_->position(), clock_.playing());
}

void ReplaySource::announce() {
    QList<qint64> times;
    QStringList grades;
    auto alerts = reader_->alerts(firstMs_ - 1, lastMs_);
    if (!alerts) report(fromStd(alerts.message()));
    else
        for (const RecordedAlert& a : *alerts) {
            times << a.tMs;
            grades << (a.state == "resolved" ? QStringLiteral("resolved") : fromStd(a.grade));
        }
    emit spanKnown(firstMs_, lastMs_, times, grades);
}

void ReplaySource::stop() {
    if (stopped_) return;
    stopped_ = true;
    delete timer_;
    timer_ = nullptr;
    cursor_.reset();
    reader_.reset();
    emit stopped();
}

void ReplaySource::play() {
    if (!cursor_) return;
    // Play at the end starts over (from the loop's start when looping).
    if (cursor_->position() >= (loop_ ? loop_->second : lastMs_)) jump(loop_ ? loop_->first : firstMs_);
    clock_.seek(cursor_->position(), Steady::now());
    clock_.play(Steady::now());
    updateTimer();
    emit positionChanged(cursor_->position(), true);
}

void ReplaySource::pause() {
    if (!cursor_) return;
    clock_.pause(Steady::now());
    clock_.seek(cursor_->position(), Steady::now());
    updateTimer();
    emit positionChanged(cursor_->position(), false);
}

void ReplaySource::setSpeed(double speed) {
    clock_.setSpeed(speed, Steady::now());
    if (cursor_) clock_.seek(cursor_->position(), Steady::now());
    updateTimer();
}

void ReplaySource::seek(qint64 tMs) {
    if (!cursor_) return;
    jump(std::clamp<int64_t>(tMs, firstMs_, lastMs_));
    emit positionChanged(cursor_->position(), clock_.playing());
}

void ReplaySource::jumpToNextAlert() {
    if (!cursor_) return;
    auto next = cursor_->nextAlertTime();
    if (!next) {
        report(fromStd(next.message()));
        return;
    }
    if (*next) seek(**next);
}

void ReplaySource::setLoop(qint64 fromMs, qint64 toMs) {
    if (!cursor_) return;
    const int64_t a = std::clamp<int64_t>(std::min(fromMs, toMs), firstMs_, lastMs_);
    const int64_t b = std::clamp<int64_t>(std::max(fromMs, toMs), firstMs_, lastMs_);
    loop_ = std::make_pair(a, b);
    if (cursor_->position() < a || cursor_->position() > b) seek(a);
}

void ReplaySource::clearLoop() { loop_.reset(); }

void ReplaySource::playback(const PlaybackCommand& c) {
    using Kind = PlaybackCommand::Kind;
    switch (c.kind) {
    case Kind::Play: play(); break;
    case Kind::Pause: pause(); break;
    case Kind::Speed: setSpeed(c.speed); break;
    case Kind::Seek: seek(c.fromMs); break;
    case Kind::NextAlert: jumpToNextAlert(); break;
    case Kind::Loop: setLoop(c.fromMs, c.toMs); break;
    case Kind::ClearLoop: clearLoop(); break;
    }
}

void ReplaySource::updateTimer() {
    if (!timer_) return;
    const bool busy = clock_.playing() || !historyDone_;
    // As fast as possible: step again as soon as the event loop is free.
    const int interval = clock_.playing() && clock_.asFastAsPossible() ? 0 : kTickMs;
    if (!busy) timer_->stop();
    else if (!timer_->isActive() || timer_->interval() != interval) timer_->start(interval);
}

void ReplaySource::tick() {
    if (!cursor_) return;
    loadHistoryChunk();
    if (clock_.playing()) {
        const auto now = Steady::now();
        if (clock_.asFastAsPossible()) {
            for (int i = 0; i < kFastFramesPerTick && clock_.playing(); ++i) {
                auto next = cursor_->nextFrameTime();
                if (!next) {
                    report(fromStd(next.message()));
                    finish();
                    break;
                }
                if (loop_ && (!*next || **next > loop_->second)) {
                    if (!jump(loop_->first)) break;
                    continue;
                }
                if (!*next) {
                    finish();
                    break;
                }
                if (!advance(**next)) break;
            }
            clock_.seek(cursor_->position(), now);
        } else {
            const int64_t target = clock_.now(now);
            if (loop_ && target >= loop_->second) {
                advance(loop_->second);
                jump(loop_->first);
            } else if (target >= lastMs_) {
                advance(lastMs_);
                finish();
            } else {
                advance(target);
            }
        }
        emit positionChanged(cursor_->position(), clock_.playing());
    }
    updateTimer();
}

void ReplaySource::loadHistoryChunk() {
    if (historyDone_) return;
    const int64_t to = std::min(lastMs_, historyAfterMs_ + historyChunkMs_);
    for (const RecordedPool& p : reader_->pools()) {
        auto samples = reader_->samples(p.id, historyAfterMs_, to);
        if (!samples) {
            report(fromStd(samples.message()));
            continue;
        }
        if (samples->empty()) continue;
        std::vector<PoolSnapshot> out;
        out.reserve(samples->size());
        for (const SnapshotSample& x : *samples) out.push_back(x.toSnapshot(p.name, p.driver));
        emit historyReady(fromStd(p.name), out);
    }
    historyAfterMs_ = to;
    historyDone_ = to >= lastMs_;
}

bool ReplaySource::advance(int64_t tMs) {
    auto step = cursor_->advanceTo(tMs);
    if (!step) {
        report(fromStd(step.message()));
        return false;
    }
    deliverFrames(step->frames, step->seeked);
    if (!step->seeked) deliverEvents(step->events);
    return true;
}

bool ReplaySource::jump(int64_t tMs) {
    clock_.seek(tMs, Steady::now());
    auto step = cursor_->seek(tMs);
    if (!step) {
        report(fromStd(step.message()));
        return false;
    }
    deliverFrames(step->frames, false);
    return true;
}

void ReplaySource::deliverFrames(const std::vector<ReplayFrame>& frames, bool newestOnly) {
    std::map<int64_t, size_t> perPool;
    for (const ReplayFrame& f : frames) ++perPool[f.poolId];
    std::map<int64_t, size_t> seen;
    for (const ReplayFrame& f : frames) {
        const size_t n = ++seen[f.poolId];
        const size_t total = perPool[f.poolId];
        // Too many for the views to show one by one: only the newest counts.
        if ((newestOnly || total > kMaxFramesPerPoolPerStep) && n != total) continue;
        auto parsed = f.snapshot();  // a degraded frame: the figures its row still holds
        if (!parsed) {
            report(tr("%1: a snapshot of %2 at %3 cannot be read: %4")
                       .arg(QFileInfo(path_).fileName(), fromStd(f.pool),
                            fromStd(RecordingReader::formatTime(f.tMs)), fromStd(parsed.message())));
            continue;
        }
        emit snapshotReady(*parsed);
    }
}

void ReplaySource::deliverEvents(const std::vector<ReplayEvent>& events) {
    if (events.empty()) return;
    // Each pool's events in delivery order, pools in recording order.
    std::map<int64_t, std::vector<TransitionEvent>> byPool;
    for (const ReplayEvent& e : events) byPool[e.poolId].push_back(e.event);
    for (auto& [id, list] : byPool)
        if (const RecordedPool* p = reader_->pool(id)) emit eventsReady(fromStd(p->name), list);
}

void ReplaySource::finish() {
    clock_.pause(Steady::now());
    clock_.seek(cursor_->position(), Steady::now());
    emit finished();
}

void ReplaySource::report(const QString& message) {
    // A damaged stretch is met again on every pass: say it once.
    if (reported_.contains(message)) return;
    reported_ << message;
    emit commandFinished(QStringLiteral("replay"), false, message);
}

}  // namespace poolscope
