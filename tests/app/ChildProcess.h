#pragma once
// A program a test runs in the background (a peer service, or poolscope
// itself attached to one), with stdout and stderr going to files the test
// reads while it runs. Killed and reaped when the object goes.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace poolscope::testrun {

class ChildProcess {
public:
    /// `name` names its output files in the test's temporary folder (with
    /// this process's id: tests of several build trees may run at once).
    explicit ChildProcess(std::string name) : name_(std::move(name) + "-" + std::to_string(::getpid())) {}
    ~ChildProcess() { kill(SIGKILL); }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Starts `argv` (argv[0] is the program's path). False, with a test
    /// failure, when it cannot start.
    bool start(std::vector<std::string> argv) {
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, outFile().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, errFile().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int rc = posix_spawn(&pid_, argv[0].c_str(), &fa, nullptr, raw.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            ADD_FAILURE() << "cannot start " << argv[0] << ": " << std::strerror(rc);
            pid_ = -1;
            return false;
        }
        return true;
    }

    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) != pid_) return true;
        pid_ = -1;
        exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return false;
    }

    /// Sends `sig` and waits up to `deadline` for the process to end; returns
    /// its exit code (128 + signal when killed), or -1 when none ran or it
    /// did not end in time (it is then killed).
    int kill(int sig, std::chrono::seconds deadline = std::chrono::seconds(30)) {
        if (!running()) return exitCode_.value_or(-1);
        ::kill(pid_, sig);
        const auto end = std::chrono::steady_clock::now() + deadline;
        while (std::chrono::steady_clock::now() < end) {
            if (!running()) return *exitCode_;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << name_ << " did not end within " << deadline.count() << " s of signal " << sig;
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
        return -1;
    }

    std::string stdoutText() const { return read(outFile()); }
    std::string stderrText() const { return read(errFile()); }
    /// The complete lines of stdout so far (a line still being written is left out).
    std::vector<std::string> stdoutLines() const {
        const std::string text = stdoutText();
        std::vector<std::string> lines;
        size_t start = 0;
        for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
            lines.push_back(text.substr(start, nl - start));
        return lines;
    }

private:
    std::filesystem::path outFile() const { return std::filesystem::path(testing::TempDir()) / (name_ + ".out"); }
    std::filesystem::path errFile() const { return std::filesystem::path(testing::TempDir()) / (name_ + ".err"); }
    static std::string read(const std::filesystem::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    std::string name_;
    pid_t pid_ = -1;
    std::optional<int> exitCode_;
};

}  // namespace poolscope::testrun
