// Introductions and important dates: intro, suggest intros, date.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/important_dates.hpp"
#include "bmc/text.hpp"

namespace bmc::cli {

void add_connection_commands(CLI::App& app, Handlers& handlers) {
    // intro
    {
        auto* cmd = app.add_subcommand("intro", "Record that you introduced two people");
        auto a = std::make_shared<std::string>();
        auto b = std::make_shared<std::string>();
        auto strs = std::make_shared<std::map<std::string, std::string>>();
        cmd->add_option("A", *a, "One of them (name, part of a name, or #id)")->required();
        cmd->add_option("B", *b, "The other one")->required();
        auto* note = cmd->add_option("-n,--note", (*strs)["note"],
                                     "Why you introduced them, e.g. \"both into climbing\"");
        auto* d = cmd->add_option("-d,--date", (*strs)["date"],
                                  "When (default: today): YYYY-MM-DD, yesterday, '3 days ago'");
        auto* via = cmd->add_option("--via", (*strs)["via"],
                                    "Channel of the introduction (default: other), e.g. email");
        cmd->footer(examples({"bmc intro Ada Grace --note \"both write compilers\"",
                              "bmc intro Ada '#7' --via email --date yesterday"}));
        handlers[cmd] = [=](Session& s) {
            NewIntroduction input;
            input.note = given(note, (*strs)["note"]);
            input.via = given(via, (*strs)["via"]);
            if (d->count() > 0) {
                input.date = parse_date((*strs)["date"], s.today(), "--date");
            }
            s.out() << render_introduced(s.service(false).introduce(*a, *b, input), s.today());
        };
    }
    // suggest intros
    {
        auto* cmd = app.add_subcommand("suggest", "Suggestions for building your network");
        cmd->require_subcommand(1);
        auto* intros = cmd->add_subcommand(
            "intros", "Pairs of people who share tags and have not been introduced yet");
        auto limit = std::make_shared<int>(10);
        auto json = std::make_shared<bool>(false);
        intros->add_option("-l,--limit", *limit, "Show at most N pairs (default 10)");
        intros->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        intros->footer(examples({"bmc suggest intros", "bmc suggest intros --limit 3 --json"}));
        handlers[intros] = [=](Session& s) {
            if (*limit <= 0) {
                throw UsageError("--limit must be a positive number", "e.g. --limit 10");
            }
            const auto found = s.service(false).suggest_intros(static_cast<std::size_t>(*limit));
            if (*json) {
                print_json(s, suggestions_to_json(found, s.today()));
            } else {
                s.out() << render_suggestions(found, s.style());
            }
        };
    }
    // date
    {
        auto* cmd = app.add_subcommand(
            "date", "List, add or remove a person's important dates (birthday, anniversary...)");
        auto who = std::make_shared<std::string>();
        auto label = std::make_shared<std::string>();
        auto when = std::make_shared<std::string>();
        auto rm = std::make_shared<bool>(false);
        auto json = std::make_shared<bool>(false);
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        auto* label_opt =
            cmd->add_option("LABEL", *label, "What the date is: birthday, anniversary, new job...");
        auto* when_opt =
            cmd->add_option("DATE", *when, "YYYY-MM-DD, or --MM-DD when you do not know the year");
        cmd->add_flag("--rm", *rm, "Remove the date with this LABEL");
        cmd->add_flag("--json", *json, "Print the person's dates as JSON (see docs/json.md)");
        // "--03-14" looks like an option to the parser; take it from the extras.
        cmd->allow_extras();
        cmd->footer(examples({"bmc date Ada", "bmc date Ada anniversary 2015-06-20",
                              "bmc date Ada \"new job\" 2026-03-01",
                              "bmc date Grace birthday --12-09", "bmc date Ada anniversary --rm"}));
        handlers[cmd] = [=](Session& s) {
            std::string date_text = *when;
            bool has_date = when_opt->count() > 0;
            for (const auto& extra : cmd->remaining()) {
                if (!has_date && extra.size() == 7 && extra.rfind("--", 0) == 0) {
                    date_text = extra;
                    has_date = true;
                } else {
                    throw UsageError("unexpected argument " + quote(extra),
                                     "see `bmc date --help`");
                }
            }
            if (*json && (label_opt->count() > 0 || *rm)) {
                throw UsageError("--json lists dates; it does not go with LABEL or --rm",
                                 "run `bmc date NAME --json` on its own");
            }
            if (*rm) {
                if (label_opt->count() == 0) {
                    throw UsageError("say which date to remove",
                                     "e.g. bmc date Ada anniversary --rm");
                }
                if (has_date) {
                    throw UsageError("--rm takes a LABEL, not a date",
                                     "e.g. bmc date Ada anniversary --rm");
                }
                s.out() << render_person_dates(s.service(false).remove_date(*who, *label),
                                               s.today());
                return;
            }
            if (label_opt->count() > 0) {
                if (!has_date) {
                    throw UsageError("say when the " + quote(*label) + " is",
                                     "e.g. bmc date Ada anniversary 2015-06-20 (or --06-20 "
                                     "without the year)");
                }
                const YearlyDate d = parse_yearly_date(date_text, "the date");
                s.out() << render_date_set(s.service(false).set_date(*who, *label, d), s.today());
                return;
            }
            const PersonDates dates = s.service(false).dates_of(*who);
            if (*json) {
                print_json(s, person_dates_to_json(dates, s.today()));
            } else {
                s.out() << render_person_dates(dates, s.today());
            }
        };
    }
}

} // namespace bmc::cli
