#pragma once
// Runs `promtool check metrics` (Debian package `prometheus`) on a text body.
// Fails, never skips, when promtool is missing: CI must check the format.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace poolscope {

/// Empty when promtool accepts `text` (parse and lint); else what it said,
/// or why it could not run.
inline std::string promtoolAccepts(const std::string& text) {
    const char* candidates[] = {"/usr/bin/promtool", "/usr/local/bin/promtool"};
    std::string promtool;
    for (const char* c : candidates)
        if (std::filesystem::exists(c)) promtool = c;
    if (promtool.empty())
        return "promtool not found (install the Debian package `prometheus`, see scripts/lib.sh)";
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("poolscope-promtool-" + std::to_string(::getpid()) + "-" +
                          std::to_string(std::rand()));
    fs::create_directories(dir);
    const fs::path in = dir / "metrics.txt", out = dir / "out.txt";
    std::ofstream(in, std::ios::binary) << text;
    const std::string cmd = promtool + " check metrics < '" + in.string() + "' > '" + out.string() + "' 2>&1";
    const int rc = std::system(cmd.c_str());
    std::ostringstream said;
    said << std::ifstream(out).rdbuf();
    fs::remove_all(dir);
    if (rc == 0) return {};
    return "promtool check metrics failed (status " + std::to_string(rc) + "): " + said.str();
}

}  // namespace poolscope
