// Runs the real `poolscope` binary: --record, kill -9, --replay, --export-csv,
// and the secrets a recording must never hold.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <sstream>

#include "core/recording/RecordingReader.h"
#include "core/recording/SqliteDb.h"
#include "tests/app/RunPoolscope.h"
#include "tests/core/recording/RecordingTestData.h"

#ifndef POOLSCOPE_BIN
#error "POOLSCOPE_BIN must name the poolscope executable"
#endif

namespace poolscope {
namespace {

using testdata::TempDir;
using Clock = std::chrono::steady_clock;

using testrun::RunResult;

/// Runs poolscope with `args` (a shell word list) and collects its output.
RunResult run(const std::string& args, const TempDir& dir) {
    return testrun::runPoolscope(args, dir.file("stderr.txt"));
}

size_t countLines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

std::vector<std::string> frameLines(RecordingReader& reader, ScanReport* report = nullptr) {
    std::vector<std::string> lines;
    ScanReport r = reader.scanFrames([&](const ReplayFrame& f) {
        lines.push_back(f.line);
        return true;
    });
    if (report) *report = r;
    return lines;
}

const char* kLive =
    "--headless --connect 'sim://?query_ms=1' --pool max_open=4 "
    "--workload workers=8,hold_ms=2,think_ms=0 ";

TEST(RecordingProcessTest, ReplayPrintsTheRecordedLinesByteForByte) {
    TempDir dir;
    const std::string file = dir.file("run.psrec");
    const RunResult live = run(std::string(kLive) + "--duration 1.5 --interval 50 --record '" + file + "'", dir);
    ASSERT_EQ(live.exitCode, 0) << live.err;
    ASSERT_GE(countLines(live.out), 20u);
    const RunResult replay = run("--headless --replay '" + file + "' --speed max", dir);
    ASSERT_EQ(replay.exitCode, 0) << replay.err;
    EXPECT_EQ(replay.out, live.out);  // every snapshot line, then the summary line
    EXPECT_TRUE(replay.err.empty()) << replay.err;

    // The recording also holds the pool's transition events.
    auto reader = RecordingReader::open(file);
    ASSERT_TRUE(reader.isOk()) << reader.message();
    auto events = (*reader)->events(0, std::numeric_limits<int64_t>::max());
    ASSERT_TRUE(events.isOk());
    EXPECT_GT(events->size(), 100u);
    EXPECT_EQ((*reader)->meta().source, "sim://?query_ms=1");
}

TEST(RecordingProcessTest, ReplayKeepsTheRecordedPaceTimesTheSpeed) {
    TempDir dir;
    const std::string file = dir.file("pace.psrec");
    ASSERT_EQ(run(std::string(kLive) + "--duration 2 --interval 100 --record '" + file + "'", dir).exitCode, 0);
    const auto start = Clock::now();
    const RunResult replay = run("--headless --replay '" + file + "' --speed 4", dir);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    ASSERT_EQ(replay.exitCode, 0) << replay.err;
    EXPECT_GE(seconds, 0.45);  // ~1.9 s of recording at 4x: ~0.48 s, not as fast as possible
    EXPECT_LT(seconds, 1.7);   // and well under real time
}

TEST(RecordingProcessTest, ExportsTheTimelineAsCsv) {
    TempDir dir;
    const std::string file = dir.file("csv.psrec");
    const RunResult live = run(std::string(kLive) + "--duration 1 --interval 100 --record '" + file + "'", dir);
    ASSERT_EQ(live.exitCode, 0) << live.err;
    const std::string csv = dir.file("out.csv");
    const RunResult exported = run("--headless --replay '" + file + "' --export-csv '" + csv + "'", dir);
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    EXPECT_TRUE(exported.out.empty());
    const std::string text = testdata::readBytes(csv);
    EXPECT_EQ(countLines(text), countLines(live.out) - 1 + 1);  // snapshots (not the summary) + header
    EXPECT_EQ(text.rfind("t_ms,time,pool,driver,lifecycle,max_open,", 0), 0u);
}

TEST(RecordingProcessTest, SecretsNeverReachTheFile) {
    TempDir dir;
    const std::string file = dir.file("secret.psrec");
    const RunResult live = run("--headless --connect 'sim://app:Hunter2Secret@db1/orders?query_ms=1' "
                               "--workload workers=2 --duration 1 --interval 100 --record '" + file + "'",
                               dir);
    ASSERT_EQ(live.exitCode, 0) << live.err;
    std::string bytes = testdata::readBytes(file);
    if (testdata::fs::exists(file + "-wal")) bytes += testdata::readBytes(file + "-wal");
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.find("Hunter2Secret"), std::string::npos);
    auto reader = RecordingReader::open(file);
    ASSERT_TRUE(reader.isOk());
    EXPECT_EQ((*reader)->meta().source, "sim://app:***@db1/orders?query_ms=1");
}

/// Starts poolscope with `args`, stdout to a pipe; stderr to `errFile`.
pid_t spawn(const std::vector<std::string>& args, int& outFd, const std::string& errFile) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        const int err = open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (err >= 0) dup2(err, 2);
        close(fds[0]);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(POOLSCOPE_BIN));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(POOLSCOPE_BIN, argv.data());
        _exit(127);
    }
    close(fds[1]);
    outFd = fds[0];
    return pid;
}

TEST(RecordingProcessTest, KillNineLosesAtMostTheLastSecond) {
    TempDir dir;
    const std::string file = dir.file("killed.psrec");
    int outFd = -1;
    const pid_t pid = spawn({"--headless", "--connect", "sim://?query_ms=1", "--pool", "max_open=4",
                             "--workload", "workers=8,hold_ms=2,think_ms=0", "--duration", "0",
                             "--interval", "50", "--record", file},
                            outFd, dir.file("child-stderr.txt"));
    ASSERT_GT(pid, 0);
    // Collect lines with the time each arrived, for 3 s, then kill -9.
    std::vector<std::pair<Clock::time_point, std::string>> received;
    std::string partial;
    const auto start = Clock::now();
    while (Clock::now() - start < std::chrono::seconds(3)) {
        pollfd pfd{outFd, POLLIN, 0};
        if (poll(&pfd, 1, 20) <= 0) continue;
        char buf[65536];
        const ssize_t n = read(outFd, buf, sizeof buf);
        if (n <= 0) break;
        partial.append(buf, static_cast<size_t>(n));
        for (size_t nl; (nl = partial.find('\n')) != std::string::npos; partial.erase(0, nl + 1))
            received.emplace_back(Clock::now(), partial.substr(0, nl));
    }
    const auto killedAt = Clock::now();
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    close(outFd);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << testdata::readBytes(dir.file("child-stderr.txt"));
    ASSERT_GE(received.size(), 20u) << testdata::readBytes(dir.file("child-stderr.txt"));

    auto reader = RecordingReader::open(file);
    ASSERT_TRUE(reader.isOk()) << reader.message();
    bool notClosedNoted = false;
    for (const auto& w : (*reader)->warnings()) notClosedNoted |= w.find("not closed cleanly") != std::string::npos;
    EXPECT_TRUE(notClosedNoted) << (*reader)->describe();
    ScanReport report;
    const auto lines = frameLines(**reader, &report);
    EXPECT_EQ(report.framesUnreadable, 0u);
    size_t mustHave = 0;
    for (const auto& [at, line] : received)
        if (killedAt - at >= std::chrono::seconds(1)) ++mustHave;
    ASSERT_GT(mustHave, 10u);
    ASSERT_GE(lines.size(), mustHave);
    for (size_t i = 0; i < lines.size() && i < received.size(); ++i)
        EXPECT_EQ(lines[i], received[i].second) << "line " << i;
    auto events = (*reader)->events(0, std::numeric_limits<int64_t>::max());
    ASSERT_TRUE(events.isOk());
    EXPECT_GT(events->size(), 0u);
}

TEST(RecordingProcessTest, BadArgumentsAndBadFilesExit2WithAClearMessage) {
    TempDir dir;
    const std::string file = dir.file("ok.psrec");
    ASSERT_EQ(run(std::string(kLive) + "--duration 0.5 --interval 100 --record '" + file + "'", dir).exitCode, 0);
    testdata::writeBytes(dir.file("notes.txt"), "hello\n");
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {"--headless --replay '" + dir.file("missing.psrec") + "'", "no such file"},
        {"--headless --replay '" + dir.file("notes.txt") + "'", "is not a PoolScope recording"},
        {"--headless --speed 2", "--speed needs --replay FILE"},
        {"--headless --export-csv x.csv", "--export-csv needs --replay FILE"},
        {"--headless --replay '" + file + "' --connect sim://", "--connect cannot be used with --replay"},
        {"--headless --replay '" + file + "' --speed 1000", "out of range"},
        {"--headless --replay '" + file + "' --speed 2 --export-csv x.csv", "--speed has no effect"},
        {"--headless --connect sim:// --duration 1 --record '" + dir.file("no/such/dir.psrec") + "'",
         "--record: cannot record to"},
        {"--headless --connect sim:// --duration 1 --record '" + dir.file("notes.txt") + "'",
         "refusing to overwrite it"},
    };
    for (const auto& c : cases) {
        const RunResult r = run(c.args, dir);
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
        EXPECT_TRUE(r.out.empty()) << c.args;
    }
    EXPECT_EQ(testdata::readBytes(dir.file("notes.txt")), "hello\n");
}

TEST(RecordingProcessTest, ADamagedRecordingReplaysWhatIsReadableAndSaysWhatIsNot) {
    TempDir dir;
    const std::string file = dir.file("whole.psrec");
    const RunResult live = run(std::string(kLive) + "--duration 2 --interval 20 --record '" + file + "'", dir);
    ASSERT_EQ(live.exitCode, 0) << live.err;
    const std::string bytes = testdata::readBytes(file);
    const std::string cut = dir.file("cut.psrec");
    testdata::writeBytes(cut, bytes.substr(0, bytes.size() * 3 / 4));
    const RunResult replay = run("--headless --replay '" + cut + "' --speed max", dir);
    EXPECT_EQ(replay.exitCode, 0) << replay.err;
    EXPECT_NE(replay.err.find("the file is truncated"), std::string::npos) << replay.err;
    EXPECT_GT(countLines(replay.out), 0u);
    // Every line it prints was printed live, byte for byte, or says it is a
    // degraded stand-in for a damaged line.
    std::istringstream lines(replay.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("\"degraded\":true") != std::string::npos) continue;
        EXPECT_NE(live.out.find(line + "\n"), std::string::npos) << line.substr(0, 200);
    }
}

TEST(RecordingProcessTest, DamagedLinesReplayTheirFiguresAndNothingReadableExits2) {
    TempDir dir;
    const std::string file = dir.file("whole.psrec");
    const RunResult live = run(std::string(kLive) + "--duration 1 --interval 50 --record '" + file + "'", dir);
    ASSERT_EQ(live.exitCode, 0) << live.err;
    const std::string bytes = testdata::readBytes(file);
    const auto damage = [&](const std::string& name, const std::string& sql) {
        const std::string path = dir.file(name);
        testdata::writeBytes(path, bytes);
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWrite);
        EXPECT_TRUE(db.isOk());
        if (db) {
            EXPECT_TRUE((*db)->exec(sql).isOk()) << sql;
        }
        return path;
    };
    // Every line lost (the keyframe they all depend on): the figures remain.
    const std::string lines = damage("lines.psrec", "UPDATE snapshots SET line = zeroblob(length(line)) WHERE id = 1");
    const RunResult degraded = run("--headless --replay '" + lines + "' --speed max", dir);
    EXPECT_EQ(degraded.exitCode, 0) << degraded.err;
    ASSERT_FALSE(degraded.lines.empty());
    size_t snapshots = 0;
    for (const auto& line : degraded.lines) {
        if (line.find("\"kind\":\"snapshot\"") == std::string::npos) continue;
        ++snapshots;
        EXPECT_NE(line.find("\"degraded\":true"), std::string::npos) << line.substr(0, 200);
        EXPECT_NE(line.find("\"counts\":{\"open\":"), std::string::npos) << line.substr(0, 200);
    }
    EXPECT_EQ(snapshots, countLines(live.out) - 1);  // all but the summary line
    EXPECT_NE(degraded.err.find("degraded"), std::string::npos) << degraded.err;
    // Lines and figures lost: nothing can be read, exit 2 (README, "Recordings").
    const std::string none = damage("none.psrec",
                                    "UPDATE snapshots SET line = zeroblob(length(line)), "
                                    "figures_crc = figures_crc + 1");
    const RunResult replay = run("--headless --replay '" + none + "' --speed max", dir);
    EXPECT_EQ(replay.exitCode, 2) << replay.err;
    EXPECT_NE(replay.err.find("not one of its snapshots can be read"), std::string::npos) << replay.err;
    const RunResult csv = run("--headless --replay '" + none + "' --export-csv '" + dir.file("none.csv") + "'", dir);
    EXPECT_EQ(csv.exitCode, 2) << csv.err;
}

/// Reads `fd` until `until` returns true or `timeout` passes; appends to `out`.
void readUntil(int fd, std::string& out, std::chrono::milliseconds timeout, const std::function<bool()>& until) {
    const auto start = Clock::now();
    while (!until() && Clock::now() - start < timeout) {
        pollfd pfd{fd, POLLIN, 0};
        if (poll(&pfd, 1, 20) <= 0) continue;
        char buf[65536];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return;
        out.append(buf, static_cast<size_t>(n));
    }
}

TEST(RecordingProcessTest, FlightRecorderSavesOnSigusr1AndTheRunGoesOn) {
    TempDir dir;
    const std::string file = dir.file("flight.psrec");
    const std::string errFile = dir.file("flight-stderr.txt");
    int outFd = -1;
    const pid_t pid = spawn({"--headless", "--connect", "sim://?query_ms=1", "--workload",
                             "workers=4,hold_ms=2,think_ms=2", "--duration", "0", "--interval", "50",
                             "--flight-recorder", file},
                            outFd, errFile);
    ASSERT_GT(pid, 0);
    std::string out;
    readUntil(outFd, out, std::chrono::seconds(10), [&] { return countLines(out) >= 20; });
    ASSERT_GE(countLines(out), 20u) << testdata::readBytes(errFile);
    EXPECT_FALSE(testdata::fs::exists(file));  // nothing written before the signal

    ASSERT_EQ(kill(pid, SIGUSR1), 0);
    readUntil(outFd, out, std::chrono::seconds(10),
              [&] { return testdata::readBytes(errFile).find("saved the last") != std::string::npos; });
    EXPECT_NE(testdata::readBytes(errFile).find("poolscope: --flight-recorder: saved the last"), std::string::npos)
        << testdata::readBytes(errFile);
    // The run goes on after the save: more lines arrive.
    const size_t linesAtSave = countLines(out);
    readUntil(outFd, out, std::chrono::seconds(5), [&] { return countLines(out) >= linesAtSave + 5; });
    EXPECT_GE(countLines(out), linesAtSave + 5);
    int status = 0;
    EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);  // still running

    ASSERT_EQ(kill(pid, SIGTERM), 0);
    readUntil(outFd, out, std::chrono::seconds(10), [] { return false; });
    waitpid(pid, &status, 0);
    close(outFd);
    ASSERT_TRUE(WIFEXITED(status)) << testdata::readBytes(errFile);
    EXPECT_EQ(WEXITSTATUS(status), 0) << testdata::readBytes(errFile);

    // The file holds lines exactly as printed, up to about the signal, and events.
    auto reader = RecordingReader::open(file);
    ASSERT_TRUE(reader.isOk()) << reader.message();
    const auto lines = frameLines(**reader);
    ASSERT_GE(lines.size(), 15u);
    EXPECT_EQ(out.rfind(lines.front() + "\n" + lines[1] + "\n", 0), 0u) << "starts with the first line printed";
    for (const auto& line : lines) EXPECT_NE(out.find(line + "\n"), std::string::npos);
    auto events = (*reader)->events(0, std::numeric_limits<int64_t>::max());
    ASSERT_TRUE(events.isOk());
    EXPECT_GT(events->size(), 0u);
    EXPECT_EQ((*reader)->meta().source, "sim://?query_ms=1");
}

TEST(RecordingProcessTest, FlightRecorderSavesWhenFailOnTrips) {
    TempDir dir;
    const std::string file = dir.file("tripped.psrec");
    const RunResult r = run("--headless --connect 'sim://?query_ms=2' --pool max_open=8 "
                            "--workload workers=32,hold_ms=20 --interval 200 --duration 4 --fail-on danger "
                            "--flight-recorder '" + file + "'",
                            dir);
    ASSERT_EQ(r.exitCode, 4) << r.err;
    EXPECT_NE(r.err.find("poolscope: --flight-recorder: saved the last"), std::string::npos) << r.err;
    auto reader = RecordingReader::open(file);
    ASSERT_TRUE(reader.isOk()) << reader.message();
    const auto lines = frameLines(**reader);
    ASSERT_GE(lines.size(), 15u);
    // Every line printed, the summary as the recording's summary, the alert that tripped.
    std::string printed;
    for (const auto& line : lines) printed += line + "\n";
    const auto summary = (*reader)->summaryLine();
    ASSERT_TRUE(summary.has_value());
    printed += *summary + "\n";
    EXPECT_EQ(printed, r.out);
    auto alerts = (*reader)->alerts(0, std::numeric_limits<int64_t>::max());
    ASSERT_TRUE(alerts.isOk());
    EXPECT_TRUE(std::any_of(alerts->begin(), alerts->end(), [](const RecordedAlert& a) {
        return a.rule == "exhausted" && a.state == "firing" && a.grade == "danger";
    }));

    // Without the flag nothing is written, and a run that passes writes nothing either.
    const std::string quiet = dir.file("quiet.psrec");
    const RunResult ok = run(std::string(kLive) + "--duration 0.5 --interval 100 --flight-recorder '" + quiet + "'", dir);
    EXPECT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_FALSE(testdata::fs::exists(quiet));
    EXPECT_TRUE(ok.err.empty()) << ok.err;

    // Options that make no sense together are refused.
    const RunResult withReplay = run("--headless --replay '" + file + "' --flight-recorder '" + quiet + "'", dir);
    EXPECT_EQ(withReplay.exitCode, 2);
    EXPECT_NE(withReplay.err.find("--flight-recorder cannot be used with --replay"), std::string::npos)
        << withReplay.err;
    const RunResult sameFile =
        run(std::string(kLive) + "--record '" + quiet + "' --flight-recorder '" + quiet + "'", dir);
    EXPECT_EQ(sameFile.exitCode, 2);
    EXPECT_NE(sameFile.err.find("is also the --record file"), std::string::npos) << sameFile.err;

    // A folder that does not exist is refused at start, not when it is too late.
    const RunResult bad = run(std::string(kLive) + "--duration 0.5 --flight-recorder '" +
                                  dir.file("no/such/dir.psrec") + "'",
                              dir);
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find("--flight-recorder: cannot write"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace poolscope
