// Finding and merging people stored twice: dupes and merge.
#include "cli_detail.hpp"

#include "bmc/text.hpp"

namespace bmc::cli {

void add_dupes_commands(CLI::App& app, Handlers& handlers) {
    // dupes
    if (handlers.wants("dupes")) {
        auto* cmd = app.add_subcommand("dupes", "List people who are likely stored twice");
        auto json = std::make_shared<bool>(false);
        cmd->add_flag("--json", *json, "Print the groups as JSON (see docs/json.md)");
        cmd->footer(examples({"bmc dupes", "bmc dupes --json | jq '.dupes[].people'"}));
        handlers[cmd] = [=](Session& s) {
            const auto groups = s.service(false).dupes();
            if (*json) {
                print_json(s, dupes_to_json(groups));
            } else {
                s.out() << render_dupes(groups);
            }
        };
    }
    // merge
    if (handlers.wants("merge")) {
        auto* cmd = app.add_subcommand(
            "merge", "Merge OTHER into KEEP: conversations, follow-ups, emails and tags move over");
        auto keep = std::make_shared<std::string>();
        auto other = std::make_shared<std::string>();
        cmd->add_option("KEEP", *keep, "The person who stays")->required();
        cmd->add_option("OTHER", *other, "The person merged into KEEP and then removed")
            ->required();
        cmd->footer(examples({"bmc merge '#3' '#7'", "bmc merge Ada \"A. Lovelace\""}));
        handlers[cmd] = [=](Session& s) {
            s.out() << render_merge(s.service(false).merge(*keep, *other));
        };
    }
}

} // namespace bmc::cli
