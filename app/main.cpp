// poolscope: the application. `--headless`, `--export-alert-rules`, `--help`
// and `--version` run the plain C++ command line (app/headless/CommandLine.h)
// without touching Qt, so the headless mode works with no display; anything
// else starts the GUI.

#include <iostream>
#include <string>
#include <vector>

#include "app/headless/AlertRulesCommand.h"
#include "app/headless/CommandLine.h"
#include "app/headless/HeadlessRunner.h"
#ifdef POOLSCOPE_WITH_GUI
#include "app/ui/GuiApplication.h"
#endif

namespace {

bool wantsHeadlessCommandLine(const std::vector<std::string>& args) {
#ifdef POOLSCOPE_WITH_GUI
    for (const auto& a : args)
        if (a == "--headless" || a == "--help" || a == "-h" || a == "--version" ||
            a.starts_with("--export-alert-rules"))
            return true;
    return false;
#else
    (void)args;
    return true;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    using poolscope::CommandLine;
    const std::vector<std::string> args(argv + 1, argv + argc);
#ifdef POOLSCOPE_WITH_GUI
    if (!wantsHeadlessCommandLine(args)) return poolscope::GuiApplication::run(argc, argv);
#endif
    const CommandLine cl = CommandLine::parse(args);
    if (cl.helpRequested()) {
#ifdef POOLSCOPE_WITH_GUI
        // Both parts, in the language of --lang or the system's.
        const poolscope::HelpTranslator translate = poolscope::GuiApplication::helpTranslator(args);
        std::cout << CommandLine::usage(translate) << '\n'
                  << poolscope::GuiApplication::usage(translate).toStdString() << std::flush;
#else
        std::cout << cl.output() << std::flush;
#endif
        return cl.exitCode();
    }
    if (!cl.runHeadless()) {
        if (!cl.output().empty()) std::cout << cl.output() << std::flush;
        if (!cl.error().empty()) std::cerr << cl.error() << std::endl;
        return cl.exitCode();
    }
    if (cl.options().exportAlertRules)
        return poolscope::AlertRulesCommand::run(cl.options(), std::cout, std::cerr);
    poolscope::HeadlessRunner runner(cl.options(), std::cout, std::cerr);
    return runner.run();
}
