#pragma once
// `poolscope --headless --replay FILE [--speed X|max] [--export-csv OUT]`:
// prints a recording's snapshot lines, each byte for byte the line printed
// when it was recorded, at the recorded pace times the speed; or exports the
// timeline as CSV.

#include <functional>
#include <iosfwd>
#include <string>

namespace poolscope {

class HeadlessReplay {
public:
    enum class Outcome {
        Ok,            ///< replayed (damaged parts skipped and reported on err)
        BadFile,       ///< missing, not a recording, newer schema, unreadable, or
                       ///< damaged so that not one snapshot can be read
        OutputFailed,  ///< the CSV file cannot be written
    };
    struct Options {
        std::string file;
        double speed = 1;       ///< times real time; 0 = as fast as possible
        std::string exportCsv;  ///< non-empty: write the CSV there instead of printing
    };

    /// `out` gets the JSON lines, `err` the messages (warnings about damage,
    /// what was skipped). `stopRequested` is polled while waiting for the
    /// next line (SIGINT/SIGTERM).
    HeadlessReplay(Options options, std::ostream& out, std::ostream& err,
                   std::function<bool()> stopRequested);

    /// Opens and replays; then prints the recorded summary line, if the
    /// recording has one and the replay was not stopped.
    Outcome run();

private:
    Options options_;
    std::ostream& out_;
    std::ostream& err_;
    std::function<bool()> stop_;
};

}  // namespace poolscope
