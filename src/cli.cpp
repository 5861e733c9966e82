#include "bmc/cli.hpp"

#include "cli_detail.hpp"

#include "bmc/dates.hpp"
#include "bmc/errors.hpp"
#include "bmc/json_format.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/text.hpp"
#include "bmc/text_format.hpp"
#include "bmc/version.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace bmc {

namespace {

std::optional<std::string> getenv_opt(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}
} // namespace

namespace cli {

void add_core_commands(CLI::App& app, Handlers& handlers) {
    // add
    if (handlers.wants("add")) {
        auto* cmd = app.add_subcommand("add", "Add a person you met");
        auto o = std::make_shared<NewContact>();
        auto strength = std::make_shared<std::string>();
        auto every = std::make_shared<std::string>();
        auto strs = std::make_shared<std::map<std::string, std::string>>();
        cmd->add_option("NAME", o->name, "Their name (quote it when it has spaces)")->required();
        auto* s_opt = cmd->add_option("-s,--strength", *strength,
                                      "How strong the tie is: strong, medium (default) or weak");
        auto* e_opt = cmd->add_option("--every", *every,
                                      "Their own reconnect interval, e.g. 6w, 3m, 1y "
                                      "(default: their strength's cadence)");
        repeatable(cmd->add_option("-e,--email", o->emails, "An email address (repeatable)"));
        repeatable(cmd->add_option("-p,--phone", o->phones, "A phone number (repeatable)"));
        auto* company = cmd->add_option("--company", (*strs)["company"], "Where they work");
        auto* title = cmd->add_option("--title", (*strs)["title"], "Their job title");
        repeatable(
            cmd->add_option("-t,--tag", o->tags, "A tag, e.g. a shared interest (repeatable)"));
        auto* met = cmd->add_option("--met", (*strs)["met"], "How or where you met");
        auto* met_on = cmd->add_option("--met-on", (*strs)["met_on"],
                                       "When you met (default: today); YYYY-MM-DD or '3 days ago'");
        auto* note =
            cmd->add_option("-n,--note", (*strs)["note"], "Anything to remember about them");
        auto* through = cmd->add_option("--through", (*strs)["through"],
                                        "Who introduced you (name, part of a name, or #id)");
        auto* birthday = cmd->add_option("--birthday", (*strs)["birthday"],
                                         "Their birthday: YYYY-MM-DD, or --MM-DD without the year");
        cmd->add_flag("-f,--force", o->force, "Add even if someone has the same name");
        cmd->footer(examples({"bmc add \"Ada Lovelace\" --strength strong --met \"PyCon, hallway\"",
                              "bmc add Grace --email grace@example.com --tag compilers --every 3m",
                              "bmc add Alan --through Ada --birthday --06-23"}));
        handlers[cmd] = [=](Session& s) {
            NewContact input = *o;
            if (s_opt->count() > 0) {
                input.strength = strength_arg(*strength);
            }
            if (e_opt->count() > 0 && *every != "default") { // "default": the strength's cadence
                input.every = parse_interval(*every, "--every");
            }
            input.company = given(company, (*strs)["company"]);
            input.title = given(title, (*strs)["title"]);
            input.met = given(met, (*strs)["met"]);
            input.notes = given(note, (*strs)["note"]);
            if (met_on->count() > 0) {
                input.met_on = parse_date((*strs)["met_on"], s.today(), "--met-on");
            }
            input.through = given(through, (*strs)["through"]);
            if (birthday->count() > 0) {
                input.birthday = parse_yearly_date((*strs)["birthday"], "--birthday");
            }
            Service& svc = s.service();
            const Contact c = svc.add(input);
            s.out() << render_added(c, svc.schedule_of(c), s.today(), s.style());
        };
    }
    // log
    if (handlers.wants("log")) {
        auto* cmd = app.add_subcommand("log", "Log a conversation with one or more people");
        auto o = std::make_shared<NewInteraction>();
        auto strs = std::make_shared<std::map<std::string, std::string>>();
        cmd->add_option("NAME", o->people, "Who you talked to (name, part of a name, or #id)")
            ->required();
        auto* d = cmd->add_option("-d,--date", (*strs)["date"],
                                  "When it happened (default: today): YYYY-MM-DD, yesterday, "
                                  "'2 weeks ago'");
        auto* via = cmd->add_option("--via", (*strs)["via"],
                                    "Channel: coffee, call, video, email, text, social, meeting, "
                                    "event or other");
        auto* by = cmd->add_option("--by", (*strs)["by"], "Who reached out: me or them");
        auto* note = cmd->add_option("-n,--note", (*strs)["note"],
                                     "What you talked about: the thread to pick up next time");
        auto* gave =
            cmd->add_option("--gave", (*strs)["gave"], "Help, advice or an introduction you gave");
        auto* received =
            cmd->add_option("--received", (*strs)["received"], "What you received from them");
        auto* asked = cmd->add_option("--asked", (*strs)["asked"],
                                      "What you asked them for (bmc warns if you never gave)");
        repeatable(cmd->add_option("-f,--followup", o->followups,
                                   "Something to do or report back on (repeatable)"));
        repeatable(cmd->add_option("--done", o->done,
                                   "Close follow-up ID as part of this conversation (repeatable)"));
        cmd->footer(examples({"bmc log Ada --via coffee --note \"she is moving to Lisbon\"",
                              "bmc log Grace Alan --date yesterday --via meeting --by them",
                              "bmc log Ada --gave \"intro to Grace\" --followup \"read her book\"",
                              "bmc log Ada --done 3 --note \"told her I finished the book\""}));
        handlers[cmd] = [=](Session& s) {
            NewInteraction input = *o;
            if (d->count() > 0) {
                input.date = parse_date((*strs)["date"], s.today(), "--date");
            }
            input.via = given(via, (*strs)["via"]);
            if (by->count() > 0) {
                input.by = initiator_arg((*strs)["by"]);
            }
            input.note = given(note, (*strs)["note"]);
            input.gave = given(gave, (*strs)["gave"]);
            input.received = given(received, (*strs)["received"]);
            input.asked = given(asked, (*strs)["asked"]);
            Service& svc = s.service(false);
            const auto logged = svc.log(input);
            for (const auto& l : logged) {
                for (const auto& w : l.warnings) {
                    s.err() << "bmc: warning: " << terminal_safe(w) << '\n';
                }
            }
            s.out() << render_logged(logged, s.today(), s.style());
        };
    }
    // due
    if (handlers.wants("due")) {
        auto* cmd = app.add_subcommand("due", "Who to reconnect with now, most overdue first");
        auto within = std::make_shared<std::string>();
        auto limit = std::make_shared<int>(0);
        auto all = std::make_shared<bool>(false);
        auto json = std::make_shared<bool>(false);
        auto* w = cmd->add_option("-w,--within", *within,
                                  "Also list people due within this time, e.g. 7d or 2w");
        auto* l = cmd->add_option("-l,--limit,--max", *limit,
                                  "Show at most N people, then how many more are due (default: "
                                  "due.limit, 20)");
        cmd->add_flag("-a,--all", *all, "Show everyone who is due")->excludes(l);
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples({"bmc due", "bmc due --within 2w --limit 5", "bmc due --all",
                              "bmc due --json | jq -r '.contacts[].name'"}));
        handlers[cmd] = [=](Session& s) {
            std::optional<Interval> span;
            if (w->count() > 0) {
                span = parse_interval(*within, "--within");
            }
            if (l->count() > 0 && *limit <= 0) {
                throw UsageError("--limit must be a positive number", "e.g. --limit 10");
            }
            Service& svc = s.service(false);
            std::optional<int> max;
            if (l->count() > 0) {
                max = *limit;
            } else if (!*all && !*json) {
                // A morning list stays short; scripts reading --json get everyone.
                max = svc.due_limit();
            }
            // The text view shows no emails, phones or tags: it does not read them.
            const DueReport r = svc.due(span, max, *json);
            if (*json) {
                print_json(s, due_to_json(r));
            } else {
                s.out() << render_due(r, s.style());
            }
        };
    }
    // show
    if (handlers.wants("show")) {
        auto* cmd = app.add_subcommand("show", "A person's profile, cadence and conversations");
        auto who = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples({"bmc show Ada", "bmc show '#12' --json"}));
        handlers[cmd] = [=](Session& s) {
            const Profile p = s.service(false).show(*who);
            if (*json) {
                print_json(s, profile_to_json(p, s.today()));
            } else {
                s.out() << render_profile(p, s.today(), s.style());
            }
        };
    }
    // list
    if (handlers.wants("list")) {
        auto* cmd = app.add_subcommand("list", "List people, with filters");
        auto strs = std::make_shared<std::map<std::string, std::string>>();
        auto archived = std::make_shared<bool>(false);
        auto json = std::make_shared<bool>(false);
        auto* tag = cmd->add_option("-t,--tag", (*strs)["tag"], "Only people with this tag");
        auto* strength = cmd->add_option("-s,--strength", (*strs)["strength"],
                                         "Only strong, medium or weak ties");
        auto* search = cmd->add_option("--search", (*strs)["search"],
                                       "Only people whose name, company, notes... contain TEXT");
        cmd->add_flag("--archived", *archived, "List archived people instead");
        auto* sort = cmd->add_option("--sort", (*strs)["sort"],
                                     "Order: name (default), due or last (most recent first)");
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples(
            {"bmc list", "bmc list --tag climbing --sort due", "bmc list --search acme --json"}));
        handlers[cmd] = [=](Session& s) {
            ListOptions options;
            if (tag->count() > 0) {
                options.query.tag = fold_case(trim((*strs)["tag"]));
            }
            if (strength->count() > 0) {
                options.query.strength = strength_arg((*strs)["strength"]);
            }
            if (search->count() > 0) {
                options.search = (*strs)["search"];
            }
            options.query.archived = *archived;
            options.query.with_last = *json; // the text table reads list_rows() instead
            if (sort->count() > 0) {
                const std::string& by = (*strs)["sort"];
                if (by == "name") {
                    options.query.sort = ListQuery::Sort::name;
                } else if (by == "due") {
                    options.query.sort = ListQuery::Sort::due;
                } else if (by == "last") {
                    options.query.sort = ListQuery::Sort::last;
                } else {
                    throw UsageError("unknown sort order " + quote(by), "use name, due or last");
                }
            }
            if (*json) {
                print_json(s, list_to_json(s.service(false).list(options), s.today()));
            } else {
                s.out() << render_list(s.service(false).list_rows(options), s.today(), s.style());
            }
        };
    }
    // edit
    if (handlers.wants("edit")) {
        auto* cmd = app.add_subcommand("edit", "Change a person's details");
        auto who = std::make_shared<std::string>();
        auto e = std::make_shared<ContactEdit>();
        auto strs = std::make_shared<std::map<std::string, std::string>>();
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        auto* name = cmd->add_option("--name", (*strs)["name"], "A new name");
        auto* strength =
            cmd->add_option("-s,--strength", (*strs)["strength"], "strong, medium or weak");
        auto* every = cmd->add_option("--every", (*strs)["every"],
                                      "Their own interval (6w, 3m, 1y) or 'default' to remove it");
        repeatable(cmd->add_option("-e,--email", e->add_emails, "Add an email (repeatable)"));
        repeatable(cmd->add_option("--rm-email", e->remove_emails, "Remove an email (repeatable)"));
        repeatable(cmd->add_option("-p,--phone", e->add_phones, "Add a phone (repeatable)"));
        repeatable(cmd->add_option("--rm-phone", e->remove_phones, "Remove a phone (repeatable)"));
        repeatable(cmd->add_option("-t,--tag", e->add_tags, "Add a tag (repeatable)"));
        repeatable(cmd->add_option("--untag", e->remove_tags, "Remove a tag (repeatable)"));
        auto* company = cmd->add_option("--company", (*strs)["company"], "Company ('' clears it)");
        auto* title = cmd->add_option("--title", (*strs)["title"], "Job title ('' clears it)");
        auto* met = cmd->add_option("--met", (*strs)["met"], "How or where you met ('' clears it)");
        auto* met_on = cmd->add_option("--met-on", (*strs)["met_on"], "When you met");
        auto* note = cmd->add_option("-n,--note", (*strs)["note"], "Notes ('' clears them)");
        auto* through = cmd->add_option("--through", (*strs)["through"],
                                        "Who introduced you ('none' forgets it)");
        auto* birthday = cmd->add_option("--birthday", (*strs)["birthday"],
                                         "YYYY-MM-DD, --MM-DD without the year, or 'none'");
        cmd->add_flag("-f,--force", e->force, "Rename even onto a name that exists");
        cmd->footer(examples({"bmc edit Ada --strength strong --tag mentor",
                              "bmc edit Grace --every default --company \"\"",
                              "bmc edit Alan --through Ada --birthday 1912-06-23"}));
        handlers[cmd] = [=](Session& s) {
            ContactEdit change = *e;
            change.name = given(name, (*strs)["name"]);
            if (strength->count() > 0) {
                change.strength = strength_arg((*strs)["strength"]);
            }
            if (every->count() > 0) {
                const std::string& v = (*strs)["every"];
                change.every = v == "default"
                                   ? std::optional<Interval>()
                                   : std::optional<Interval>(parse_interval(v, "--every"));
            }
            const auto text = [&](CLI::Option* opt, const char* key) {
                return opt->count() > 0 ? std::optional<std::optional<std::string>>((*strs)[key])
                                        : std::nullopt;
            };
            change.company = text(company, "company");
            change.title = text(title, "title");
            change.met = text(met, "met");
            change.notes = text(note, "note");
            if (met_on->count() > 0) {
                change.met_on =
                    std::optional<Date>(parse_date((*strs)["met_on"], s.today(), "--met-on"));
            }
            if (through->count() > 0) {
                const std::string& v = (*strs)["through"];
                change.through =
                    v == "none" ? std::optional<std::string>() : std::optional<std::string>(v);
            }
            if (birthday->count() > 0) {
                const std::string& v = (*strs)["birthday"];
                change.birthday =
                    v == "none" ? std::optional<YearlyDate>()
                                : std::optional<YearlyDate>(parse_yearly_date(v, "--birthday"));
            }
            const bool nothing = !change.through && !change.birthday && !change.name &&
                                 !change.strength && !change.every && change.add_emails.empty() &&
                                 change.remove_emails.empty() && change.add_phones.empty() &&
                                 change.remove_phones.empty() && change.add_tags.empty() &&
                                 change.remove_tags.empty() && !change.company && !change.title &&
                                 !change.met && !change.notes && !change.met_on;
            if (nothing) {
                throw UsageError("nothing to change",
                                 "pass at least one option, e.g. --strength strong; see bmc edit "
                                 "--help");
            }
            Service& svc = s.service(false);
            const Contact c = svc.edit(*who, change);
            const Schedule sched = svc.schedule_of(c);
            s.out() << "Updated #" << c.id << " " << terminal_safe(c.name) << ": every "
                    << describe(sched.interval) << ", next reconnect "
                    << (c.next_due ? format_date(*c.next_due) + " (" +
                                         describe_due(*c.next_due, s.today()) + ")"
                                   : std::string("never (archived)"))
                    << ".\n";
        };
    }
    // snooze
    if (handlers.wants("snooze")) {
        auto* cmd = app.add_subcommand("snooze", "Put off reconnecting with someone");
        auto who = std::make_shared<std::string>();
        auto until = std::make_shared<std::string>();
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        cmd->add_option("UNTIL", *until, "A duration (2w, 1m) or a date (YYYY-MM-DD)")->required();
        cmd->footer(examples({"bmc snooze Ada 2w", "bmc snooze Grace 2026-12-01"}));
        handlers[cmd] = [=](Session& s) {
            const Date d = parse_date_or_duration(*until, s.today(), "snooze time");
            const Contact c = s.service(false).snooze(*who, d);
            s.out() << "Snoozed " << terminal_safe(c.name) << " until " << format_date(d)
                    << "; next reconnect " << (c.next_due ? format_date(*c.next_due) : "never")
                    << ". A new conversation ends the snooze.\n";
        };
    }
    // archive / unarchive
    for (const bool archive : {true, false}) {
        if (!handlers.wants(archive ? "archive" : "unarchive")) {
            continue;
        }
        auto* cmd =
            app.add_subcommand(archive ? "archive" : "unarchive",
                               archive ? "Stop being reminded about someone (kept, never due)"
                                       : "Bring an archived person back into the rotation");
        auto who = std::make_shared<std::string>();
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        cmd->footer(examples({archive ? "bmc archive \"Old Colleague\"" : "bmc unarchive '#12'"}));
        handlers[cmd] = [=](Session& s) {
            const Contact c = s.service(false).set_archived(*who, archive);
            if (archive) {
                s.out() << "Archived " << terminal_safe(c.name)
                        << ": kept with their history, never due. Undo with `bmc unarchive`.\n";
            } else {
                s.out() << "Unarchived " << terminal_safe(c.name) << "; next reconnect "
                        << (c.next_due ? format_date(*c.next_due) : "unknown") << ".\n";
            }
        };
    }
    // rm
    if (handlers.wants("rm")) {
        auto* cmd = app.add_subcommand("rm", "Delete a person and their conversations");
        auto who = std::make_shared<std::string>();
        auto yes = std::make_shared<bool>(false);
        auto purge = std::make_shared<bool>(false);
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        cmd->add_flag("-y,--yes", *yes,
                      "Really delete (without it, bmc only says what it would do)");
        cmd->add_flag("--purge", *purge,
                      "Leave nothing to undo: also erase the undo history, which holds their "
                      "data until then");
        cmd->footer(examples({"bmc rm \"Spam Person\" --yes", "bmc rm Ada --yes --purge"}));
        handlers[cmd] = [=](Session& s) {
            const Removal r = s.service(false).remove(*who, *yes, *purge);
            const std::string what = "#" + std::to_string(r.contact.id) + " " +
                                     terminal_safe(r.contact.name) + " and " +
                                     std::to_string(r.interactions) +
                                     (r.interactions == 1 ? " conversation" : " conversations");
            if (!r.removed) {
                throw DataError("not deleted: this would delete " + what,
                                "run again with --yes to delete, or `bmc archive` to keep them "
                                "without reminders");
            }
            s.out() << "Deleted " << what
                    << (*purge ? "; the undo history was erased too.\n"
                               : ". `bmc undo --yes` brings them back.\n");
        };
    }
    // config
    if (handlers.wants("config")) {
        auto* cmd = app.add_subcommand("config", "Show or change settings (e.g. cadences)");
        cmd->require_subcommand(1);
        cmd->footer(examples({"bmc config list", "bmc config set cadence.weak 10m",
                              "bmc config get cadence.strong"}));
        auto* list = cmd->add_subcommand("list", "List every setting and its value");
        list->footer(examples({"bmc config list"}));
        handlers[list] = [](Session& s) {
            s.out() << render_settings(s.service(false).settings());
        };
        auto key = std::make_shared<std::string>();
        auto value = std::make_shared<std::string>();
        auto* get = cmd->add_subcommand("get", "Print one setting's value");
        get->add_option("KEY", *key, "e.g. cadence.strong")->required();
        get->footer(examples({"bmc config get cadence.medium"}));
        handlers[get] = [=](Session& s) {
            s.out() << s.service(false).setting(*key).value << '\n';
        };
        auto* set = cmd->add_subcommand("set", "Change a setting; due dates follow at once");
        set->add_option("KEY", *key,
                        "cadence.strong, cadence.medium, cadence.weak, routine.per-week, "
                        "routine.per-month or due.limit")
            ->required();
        set->add_option("VALUE", *value,
                        "An interval for a cadence (10d, 6w, 4m, 1y); a number of people for a "
                        "routine quota (or none) or for due.limit (or all)")
            ->required();
        set->footer(examples({"bmc config set cadence.weak 10m", "bmc config set cadence.strong 3m",
                              "bmc config set routine.per-week 5"}));
        handlers[set] = [=](Session& s) {
            const SettingInfo info = s.service().set_setting(*key, *value);
            s.out() << info.key << " = " << info.value << "\n";
        };
    }
    add_transfer_commands(app, handlers); // export, import: cli_transfer.cpp
    // demo
    if (handlers.wants("demo")) {
        auto* cmd = app.add_subcommand("demo", "Try bmc on a temporary database of sample people");
        cmd->footer(
            examples({"bmc demo", "bmc --db /tmp/try.db demo && bmc --db /tmp/try.db show Ada"}));
        handlers[cmd] = [](Session& s) {
            std::string path;
            if (s.db_given()) {
                path = s.db_path();
            } else {
                std::string dir =
                    (std::filesystem::temp_directory_path() / "bmc-demo-XXXXXX").string();
                if (::mkdtemp(dir.data()) == nullptr) {
                    throw DataError(std::string("cannot create a temporary directory: ") +
                                        std::strerror(errno),
                                    "set TMPDIR to a writable directory");
                }
                path = dir + "/bmc.db";
            }
            Service& svc = s.service_at(path);
            svc.seed_demo();
            s.out() << "Demo database: " << path << "\n"
                    << "(6 sample people; your own data is untouched.)\n\n"
                    << "$ bmc due\n"
                    << render_due(svc.due(std::nullopt, svc.due_limit(), false), s.style()) << "\n"
                    << "Try: bmc --db " << path << " show Ada\n"
                    << "     bmc --db " << path << " log Ada --via coffee --note \"...\"\n";
        };
    }
}

// The command a command line names: its first word after the global options, or "" when that
// is not plain (no command, --help, an option bmc does not know, or a completion command that
// lists all the others), and then the whole command tree is built.
std::string requested_command(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--db" || a == "--today") {
            ++i;
        } else if (a == "--no-color" || a.rfind("--db=", 0) == 0 || a.rfind("--today=", 0) == 0) {
            continue;
        } else if (a.empty() || a.front() == '-' || a == "_commands" || a == "_options") {
            return {};
        } else {
            return a;
        }
    }
    return {};
}

// Commands that read or change one or a few people: they need little of SQLite's page cache
// (see Repository::set_page_cache_kib), and setting up the large one costs about a millisecond.
// `due` shows a page of people (due.limit) unless asked for the whole list. The others (lists,
// exports, imports, checks...) keep the large one.
bool about_few_people(std::string_view command, const std::vector<std::string>& args) {
    static constexpr std::array<std::string_view, 13> few = {
        "add", "log",  "show",  "edit", "snooze", "archive", "unarchive",
        "rm",  "done", "intro", "date", "why",    "config"};
    if (command == "due") {
        return std::none_of(args.begin(), args.end(),
                            [](const std::string& a) { return a == "--all" || a == "--json"; });
    }
    return std::find(few.begin(), few.end(), command) != few.end();
}

// The whole command line interface, or only the command handlers.only names (see Handlers).
std::unique_ptr<CLI::App> build_app(Globals& globals, Handlers& handlers) {
    auto app = std::make_unique<CLI::App>(
        "bmc - build meaningful connections: remember who you met and what you talked about, "
        "and reconnect on a cadence set by the strength of each tie.",
        "bmc");
    app->add_option("--db", globals.db,
                    "Database file (default: $BMC_DB, else $XDG_DATA_HOME/bmc/bmc.db, else "
                    "~/.local/share/bmc/bmc.db)");
    app->add_option("--today", globals.today,
                    "Pretend today is YYYY-MM-DD (also $BMC_TODAY); for scripts and tests");
    app->add_flag("--no-color", globals.no_color, "Never colour the output (also $NO_COLOR)");
    app->set_version_flag("--version", std::string("bmc ") + version, "Print the version and exit");
    app->fallthrough();
    app->footer(examples({"bmc add \"Ada Lovelace\" --strength strong --met \"PyCon\"",
                          "bmc log Ada --via coffee --note \"new job in March\"", "bmc due",
                          "bmc export --json | jq '.contacts | length'"}) +
                "\nRun `bmc COMMAND --help` for a command's options. Docs: docs/cli.md");
    add_core_commands(*app, handlers);
    add_followup_commands(*app, handlers);
    add_dupes_commands(*app, handlers);
    add_connection_commands(*app, handlers);
    add_routine_commands(*app, handlers);
    add_safety_commands(*app, handlers);
    add_shell_commands(*app, handlers); // last: it lists the commands registered before it
    return app;
}

} // namespace cli

using namespace cli;

Environment environment_from_process() {
    return Environment{getenv_opt("BMC_DB"), getenv_opt("BMC_TODAY"), getenv_opt("XDG_DATA_HOME"),
                       getenv_opt("HOME"), getenv_opt("NO_COLOR")};
}

int run_cli(const std::vector<std::string>& args, const Environment& env, Terminal term) {
    // `bmc --version` alone answers before the command tree (some 60 commands and their options)
    // is built: it then starts as fast as a program that only prints a line. The same text as
    // the --version flag below, which handles it anywhere else on a command line.
    if (args.size() == 1 && args.front() == "--version") {
        term.out << "bmc " << version << "\n";
        return 0;
    }
    Globals globals;
    Handlers handlers;
    // Only the command asked for is built; a word that is no command gets the whole tree, so that
    // the error and its suggestions are those of the full interface.
    handlers.only = requested_command(args);
    if (about_few_people(handlers.only, args)) {
        Repository::set_page_cache_kib(Repository::small_page_cache_kib);
    }
    std::unique_ptr<CLI::App> built = build_app(globals, handlers);
    if (handlers.empty() && !handlers.only.empty()) {
        handlers.only.clear();
        built = build_app(globals, handlers);
    }
    CLI::App& app = *built;

    std::vector<std::string> normalized = args;
    accept_dates_without_year(normalized);
    std::vector<std::string> reversed(normalized.rbegin(), normalized.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        const CLI::App* target = &app;
        std::string path; // "bmc config", for the usage line "Usage: bmc config set ..."
        while (!target->get_subcommands().empty()) {
            path += (path.empty() ? "" : " ") + target->get_name();
            target = target->get_subcommands().front();
        }
        term.out << target->help(path);
        return exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        term.out << app.help("", CLI::AppFormatMode::All);
        return exit_ok;
    } catch (const CLI::CallForVersion& e) {
        term.out << e.what() << '\n';
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        std::string where = "bmc";
        for (const CLI::App* sub = &app; !sub->get_subcommands().empty();) {
            sub = sub->get_subcommands().front();
            where += " " + sub->get_name();
        }
        term.err << "bmc: error: " << terminal_safe(e.what()) << " — see `" << where
                 << " --help`\n";
        return exit_usage;
    }

    const CLI::App* chosen = &app;
    while (!chosen->get_subcommands().empty()) {
        chosen = chosen->get_subcommands().front();
    }
    const auto handler = handlers.find(const_cast<CLI::App*>(chosen));
    if (handler == handlers.end()) {
        term.out << app.help();
        return exit_ok;
    }
    Session session(globals, env, term);
    session.change_label_for_undo = change_label(args);
    try {
        handler->second(session);
        term.out.flush();
        if (!term.out) {
            term.err << "bmc: error: could not write the output — is the disk full or the pipe "
                        "closed?\n";
            return exit_runtime;
        }
        return exit_ok;
    } catch (const Error& e) {
        term.err << "bmc: error: " << terminal_safe(e.what());
        if (!e.hint().empty()) {
            term.err << " — " << terminal_safe(e.hint());
        }
        term.err << '\n';
        if (!e.details().empty()) {
            term.err << terminal_safe(e.details(), false) << '\n';
        }
        return e.code();
    } catch (const std::exception& e) {
        term.err << "bmc: error: " << terminal_safe(e.what())
                 << " — this was unexpected; run `bmc export --json` to keep a copy of your data "
                    "and report the problem\n";
        return exit_runtime;
    }
}

} // namespace bmc
