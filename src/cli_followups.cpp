// The follow-up commands: todo and done.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <cstdint>

namespace bmc::cli {

void add_followup_commands(CLI::App& app, Handlers& handlers) {
    // todo
    if (handlers.wants("todo")) {
        auto* cmd = app.add_subcommand(
            "todo", "List open follow-ups, or add one: things to do or report back on");
        auto who = std::make_shared<std::string>();
        auto text = std::make_shared<std::string>();
        auto by = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        auto* who_opt = cmd->add_option("NAME", *who, "Who it is for (to add one)");
        auto* text_opt = cmd->add_option("TEXT", *text, "What to do, e.g. \"send the article\"");
        auto* by_opt = cmd->add_option("--by", *by,
                                       "A deadline (date or duration): they are due then at the "
                                       "latest");
        cmd->add_flag("--json", *json, "Print open follow-ups as JSON (see docs/json.md)");
        cmd->footer(examples({"bmc todo", "bmc todo Ada \"tell her I read the book\" --by 2w",
                              "bmc todo --json | jq -r '.followups[].text'"}));
        handlers[cmd] = [=](Session& s) {
            if (who_opt->count() > 0) {
                if (text_opt->count() == 0) {
                    throw UsageError("say what the follow-up is",
                                     "e.g. bmc todo Ada \"send the article\"");
                }
                if (*json) {
                    throw UsageError("--json lists follow-ups; it does not go with NAME TEXT",
                                     "run `bmc todo --json` on its own");
                }
                std::optional<Date> deadline;
                if (by_opt->count() > 0) {
                    deadline = parse_date_or_duration(*by, s.today(), "--by");
                }
                s.out() << render_followup(s.service(false).add_followup(*who, *text, deadline),
                                           s.today());
                return;
            }
            if (by_opt->count() > 0) {
                throw UsageError("--by needs a person and a follow-up",
                                 "e.g. bmc todo Ada \"send the article\" --by 2w");
            }
            const auto open = s.service(false).open_followups();
            if (*json) {
                print_json(s, todo_to_json(open, s.today()));
            } else {
                s.out() << render_todo(open, s.today(), s.style());
            }
        };
    }
    // done
    if (handlers.wants("done")) {
        auto* cmd = app.add_subcommand("done", "Close a follow-up");
        auto id = std::make_shared<std::string>();
        auto date = std::make_shared<std::string>();
        cmd->add_option("ID", *id, "The follow-up's number, as `bmc todo` shows it")->required();
        auto* d = cmd->add_option("-d,--date", *date, "When it was done (default: today)");
        cmd->footer(examples({"bmc done 3", "bmc done 3 --date yesterday"}));
        handlers[cmd] = [=](Session& s) {
            std::string digits = *id;
            if (!digits.empty() && (digits.front() == '#' || digits.front() == '[')) {
                digits.erase(0, 1);
            }
            if (!digits.empty() && digits.back() == ']') {
                digits.pop_back();
            }
            const auto number = parse_whole_number(digits, 1, INT64_MAX);
            if (!number) {
                throw UsageError("follow-up ID must be a number, not " + quote(*id),
                                 "see the numbers with `bmc todo`");
            }
            std::optional<Date> when;
            if (d->count() > 0) {
                when = parse_date(*date, s.today(), "--date");
            }
            s.out() << render_followup(s.service(false).close_followup(*number, when), s.today());
        };
    }
}

} // namespace bmc::cli
