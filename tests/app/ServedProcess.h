#pragma once
// A `poolscope --headless --serve` process a test can start, kill with
// SIGKILL and start again on the same port: the far side of an attach.

#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#ifndef POOLSCOPE_BIN
#error "POOLSCOPE_BIN must name the poolscope executable"
#endif

extern char** environ;

namespace poolscope::testrun {

class ServedProcess {
public:
    /// `name` names its output files in the test's temporary folder.
    explicit ServedProcess(std::string name) : name_(std::move(name)) {}
    ~ServedProcess() { kill(SIGKILL); }

    /// Starts `poolscope --headless <args>` with stdout and stderr to files,
    /// and waits (up to `deadline`) until it prints the address it serves.
    /// Returns the port, or 0 (with a test failure) when it did not.
    int start(const std::vector<std::string>& args, std::chrono::seconds deadline = std::chrono::seconds(30)) {
        ++runs_;
        std::vector<std::string> argv{POOLSCOPE_BIN, "--headless"};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, outFile().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, errFile().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int rc = posix_spawn(&pid_, POOLSCOPE_BIN, &fa, nullptr, raw.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            ADD_FAILURE() << "cannot start " << POOLSCOPE_BIN;
            pid_ = -1;
            return 0;
        }
        const std::regex served(R"(serving .* at https?://[^ ]*:(\d+))");
        const auto end = std::chrono::steady_clock::now() + deadline;
        while (std::chrono::steady_clock::now() < end) {
            std::smatch m;
            const std::string err = stderrText();
            if (std::regex_search(err, m, served)) return std::stoi(m[1]);
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                ADD_FAILURE() << "poolscope --serve exited before serving; stderr:\n" << err;
                return 0;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "poolscope --serve did not say where it serves; stderr:\n" << stderrText();
        return 0;
    }

    /// Sends `sig` and reaps the process; returns its exit code (128 + signal
    /// when killed), or -1 when none runs.
    int kill(int sig) {
        if (pid_ <= 0) return -1;
        ::kill(pid_, sig);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    std::string stdoutText() const { return read(outFile()); }
    std::string stderrText() const { return read(errFile()); }
    std::vector<std::string> stdoutLines() const {
        std::vector<std::string> lines;
        std::ifstream in(outFile());
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        return lines;
    }

private:
    std::filesystem::path outFile() const {
        return std::filesystem::path(testing::TempDir()) / (name_ + "-" + std::to_string(runs_) + ".out");
    }
    std::filesystem::path errFile() const {
        return std::filesystem::path(testing::TempDir()) / (name_ + "-" + std::to_string(runs_) + ".err");
    }
    static std::string read(const std::filesystem::path& p) {
        std::ifstream in(p);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    std::string name_;
    int runs_ = 0;
    pid_t pid_ = -1;
};

}  // namespace poolscope::testrun
