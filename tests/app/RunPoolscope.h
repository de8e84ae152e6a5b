#pragma once
// Runs the real `poolscope` binary from a test, the way a user's shell or CI
// script would, and collects its exit code, stdout and stderr. Shared by the
// tests that check the headless contract from the outside.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#ifndef POOLSCOPE_BIN
#error "POOLSCOPE_BIN must name the poolscope executable"
#endif

namespace poolscope::testrun {

struct RunResult {
    int exitCode = -1;
    std::string out;                 // stdout, whole
    std::vector<std::string> lines;  // stdout, one entry per line
    std::string err;                 // stderr
};

/// Runs `shell` (a /bin/sh command line in which $BIN is the poolscope
/// binary). stderr goes through `errFile`, so several tests of one binary
/// must not share one name while running in parallel.
inline RunResult runShell(const std::string& shell, const std::filesystem::path& errFile) {
    const std::string cmd =
        "BIN='" + std::string(POOLSCOPE_BIN) + "'; { " + shell + "; } 2>'" + errFile.string() + "'";
    RunResult r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
        ADD_FAILURE() << "popen failed for: " << cmd;
        return r;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) r.lines.push_back(line);
    std::ifstream errIn(errFile);
    r.err.assign(std::istreambuf_iterator<char>(errIn), {});
    return r;
}

/// Runs poolscope with `args` (a shell word list).
inline RunResult runPoolscope(const std::string& args, const std::filesystem::path& errFile) {
    return runShell("\"$BIN\" " + args, errFile);
}

}  // namespace poolscope::testrun
