#include "app/headless/AlertRulesCommand.h"

#include "core/health/ThresholdsFile.h"

namespace poolscope {

int AlertRulesCommand::run(const HeadlessOptions& options, std::ostream& out, std::ostream& err) {
    Thresholds thresholds = Thresholds::defaults();
    AlertRulesOptions rules;
    rules.thresholdsSource = "built-in defaults (resources/thresholds.json)";
    if (!options.thresholdsFile.empty()) {
        auto loaded = ThresholdsFile::load(options.thresholdsFile);
        if (!loaded) {
            err << "poolscope: " << loaded.message() << std::endl;
            return CommandLine::kExitBadArguments;
        }
        thresholds = *loaded;
        rules.thresholdsSource = "file '" + options.thresholdsFile + "'";
    }
    out << AlertRulesExport::write(thresholds, options.alertRuleFormats, rules) << std::flush;
    return out ? CommandLine::kExitOk : CommandLine::kExitBadArguments;
}

}  // namespace poolscope
