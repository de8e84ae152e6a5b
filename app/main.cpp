// poolscope: the application. The GUI comes in a later issue; for now the
// executable runs the headless mode (see app/headless/CommandLine.h).

#include <iostream>
#include <string>
#include <vector>

#include "app/headless/CommandLine.h"
#include "app/headless/HeadlessRunner.h"

int main(int argc, char** argv) {
    using poolscope::CommandLine;
    const std::vector<std::string> args(argv + 1, argv + argc);
    const CommandLine cl = CommandLine::parse(args);
    if (!cl.runHeadless()) {
        if (!cl.output().empty()) std::cout << cl.output() << std::flush;
        if (!cl.error().empty()) std::cerr << cl.error() << std::endl;
        return cl.exitCode();
    }
    poolscope::HeadlessRunner runner(cl.options(), std::cout, std::cerr);
    return runner.run();
}
