// Hidden commands for shell completion: _names, _commands and _options. The completion scripts
// in share/completions ask bmc itself what its commands, options and people are, so they never
// fall out of step with the program. A command path is passed after `--` (`bmc _options --
// config set`), so that CLI11 does not take it for the command itself.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <memory>
#include <string>
#include <vector>

namespace bmc::cli {

namespace {

// One line of completion output: the word, a tab, and a one-line description (which zsh and
// fish show beside the word). Text that is not terminal-safe is made so.
std::string completion_line(const std::string& word, const std::string& description) {
    std::string line = terminal_safe(word);
    if (!description.empty()) {
        line += '\t' + terminal_safe(description);
    }
    return line + '\n';
}

// The subcommands of `app` that --help lists (hidden ones have an empty group).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

// The visible subcommand at `path` below `app` ("config set"), or nullptr.
const CLI::App* find_command(const CLI::App& app, const std::vector<std::string>& path) {
    const CLI::App* at = &app;
    for (const auto& word : path) {
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : visible_subcommands(*at)) {
            if (sub->get_name() == word) {
                next = sub;
            }
        }
        if (next == nullptr) {
            return nullptr;
        }
        at = next;
    }
    return at;
}

} // namespace

void add_shell_commands(CLI::App& app, Handlers& handlers) {
    // _names: every active person's name, for completing NAME arguments.
    if (handlers.wants("_names")) {
        auto* cmd = app.add_subcommand("_names", "Print people's names (for shell completion)");
        cmd->group(""); // hidden from --help
        handlers[cmd] = [](Session& s) {
            ListOptions options;
            for (const auto& summary : s.service(false).list(options)) {
                s.out() << completion_line(summary.contact.name, "");
            }
        };
    }
    // _commands [COMMAND...]: the subcommands of bmc (or of COMMAND), with descriptions.
    if (handlers.wants("_commands")) {
        auto* cmd = app.add_subcommand("_commands", "Print commands (for shell completion)");
        cmd->group("");
        auto path = std::make_shared<std::vector<std::string>>();
        cmd->add_option("COMMAND", *path, "A command whose subcommands to print (after --)");
        const CLI::App* root = &app;
        handlers[cmd] = [root, path](Session& s) {
            const CLI::App* at = find_command(*root, *path);
            if (at == nullptr) {
                return; // nothing to complete
            }
            for (const CLI::App* sub : visible_subcommands(*at)) {
                s.out() << completion_line(sub->get_name(), sub->get_description());
            }
        };
    }
    // _options [COMMAND...]: the long options of bmc (or of COMMAND), with descriptions.
    if (handlers.wants("_options")) {
        auto* cmd = app.add_subcommand("_options", "Print options (for shell completion)");
        cmd->group("");
        auto path = std::make_shared<std::vector<std::string>>();
        auto valued = std::make_shared<bool>(false);
        cmd->add_option("COMMAND", *path, "A command whose options to print (after --)");
        cmd->add_flag("--takes-value", *valued, "Only the options that take a value, names only");
        const CLI::App* root = &app;
        handlers[cmd] = [root, path, valued](Session& s) {
            const CLI::App* at = find_command(*root, *path);
            if (at == nullptr) {
                return;
            }
            for (const CLI::Option* opt : at->get_options()) {
                const bool takes_value = opt->get_expected_max() != 0; // flags expect 0 values
                if (*valued && !takes_value) {
                    continue;
                }
                std::vector<std::string> names;
                for (const auto& name : opt->get_lnames()) {
                    names.push_back("--" + name);
                }
                for (const auto& name : opt->get_snames()) {
                    names.push_back("-" + name);
                }
                for (const auto& name : names) {
                    s.out() << completion_line(name, *valued ? "" : opt->get_description());
                }
            }
        };
    }
}

} // namespace bmc::cli
