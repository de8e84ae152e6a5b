#pragma once
// The one table of poolscope's command-line options: the headless parser
// (CommandLine), the dashboard's (GuiOptions), both parts of --help, and so
// the man page and shell completions generated from --help
// (resources/man, resources/completion) all read it. Plain C++, no Qt.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

// The help texts are marked for lupdate, which finds them by this macro's
// name and files them under the context "Help". Without Qt it is the plain
// string (the same definition as Qt's, so either may come first).
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace poolscope {

/// Where an option applies: the headless command line (and the commands that
/// run without Qt: --help, --version, --export-alert-rules), the dashboard, or both.
enum class OptionMode : uint8_t { Headless = 1, Gui = 2, Both = 3 };

constexpr bool appliesTo(OptionMode option, OptionMode mode) {
    return (static_cast<uint8_t>(option) & static_cast<uint8_t>(mode)) != 0;
}

struct OptionSpec {
    std::string_view name;     ///< "--connect"
    std::string_view metavar;  ///< "URL"; empty for a flag (no value)
    OptionMode modes = OptionMode::Both;
    /// The option's lines in each part of --help ('\n' between lines, each
    /// at most 56 characters); empty where it does not apply.
    std::string_view headlessHelp;
    std::string_view guiHelp;

    bool takesValue() const { return !metavar.empty(); }
};

/// Every option, in the order --help lists them.
std::span<const OptionSpec> optionTable();
/// The option named `name` ("--connect"; "-h" is --help); nullptr when unknown.
const OptionSpec* findOption(std::string_view name);
/// Turns an English paragraph of --help into the user's language. The GUI
/// build supplies one (GuiApplication::helpTranslator: Qt's translation of the
/// context "Help"); an empty one keeps the English. The man page and the shell
/// completions read the English text (`--lang en --help`).
using HelpTranslator = std::function<std::string(std::string_view english)>;
/// `english` through `translate`, or itself when there is none.
std::string translated(const HelpTranslator& translate, std::string_view english);

/// The option lines of one part of --help: "  --name METAVAR  help", the help
/// starting at column 22 (or two spaces after a longer name), continued there.
std::string optionHelp(OptionMode part, const HelpTranslator& translate = {});
/// Why `spec` cannot be used in `mode`: "--lang is a dashboard option: ..."
std::string notForMode(const OptionSpec& spec, OptionMode mode);

}  // namespace poolscope
