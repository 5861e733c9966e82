// Introductions and important dates: intro, suggest intros, date.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/important_dates.hpp"
#include "bmc/text.hpp"

namespace bmc::cli {

namespace {

bool is_month_day_without_year(const std::string& arg) {
    const auto digit = [&](std::size_t k) { return arg[k] >= '0' && arg[k] <= '9'; };
    return arg.size() == 7 && arg[0] == '-' && arg[1] == '-' && digit(2) && digit(3) &&
           arg[4] == '-' && digit(5) && digit(6);
}

} // namespace

void accept_dates_without_year(std::vector<std::string>& args) {
    // The command is the first argument that is neither a global option nor its value.
    std::string command;
    for (std::size_t k = 0; k < args.size() && command.empty(); ++k) {
        if (args[k] == "--db" || args[k] == "--today") {
            ++k;
        } else if (args[k].rfind("-", 0) != 0) {
            command = args[k];
        }
    }
    for (std::size_t k = 0; k < args.size(); ++k) {
        if (args[k] == "--") {
            return; // everything after it is positional already
        }
        if (!is_month_day_without_year(args[k])) {
            continue;
        }
        if (k > 0 && args[k - 1] == "--birthday") {
            args[k - 1] += "=" + args[k]; // "--birthday=--03-14" keeps the text as typed
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(k));
            --k;
        } else if (command == "date") {
            args[k].erase(0, 2); // "--03-14" -> "03-14", which parse_yearly_date reads the same
        }
    }
}

void add_connection_commands(CLI::App& app, Handlers& handlers) {
    // intro
    if (handlers.wants("intro")) {
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
    if (handlers.wants("suggest")) {
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
    if (handlers.wants("date")) {
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
        cmd->footer(examples({"bmc date Ada", "bmc date Ada anniversary 2015-06-20",
                              "bmc date Ada \"new job\" 2026-03-01",
                              "bmc date Grace birthday --12-09", "bmc date Ada anniversary --rm"}));
        handlers[cmd] = [=](Session& s) {
            const std::string& date_text = *when;
            const bool has_date = when_opt->count() > 0;
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
