// Internals of the command-line layer shared by its source files (cli.cpp and the cli_*.cpp files
// that each register a group of commands). Not part of the public include/ tree: only the cli
// layer knows CLI11 and the terminal.
#pragma once

#include "bmc/cli.hpp"
#include "bmc/dates.hpp"
#include "bmc/json_format.hpp"
#include "bmc/repository.hpp"
#include "bmc/service.hpp"
#include "bmc/text_format.hpp"

#include <CLI/CLI.hpp>

#include <ctime>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bmc::cli {

// Options every command understands.
struct Globals {
    std::string db;
    std::string today;
    bool no_color = false;
};

// Per-invocation state: opens the database and builds the service only when a command needs it.
class Session {
public:
    Session(const Globals& globals, const Environment& env, Terminal term)
        : m_globals(globals), m_env(env), m_term(term) {}

    Date today() {
        if (!m_today) {
            if (!m_globals.today.empty()) {
                m_today = parse_iso_date(m_globals.today, "--today");
            } else if (m_env.bmc_today && !m_env.bmc_today->empty()) {
                m_today = parse_iso_date(*m_env.bmc_today, "BMC_TODAY");
            } else {
                const std::time_t t = std::time(nullptr);
                std::tm tm{};
                localtime_r(&t, &tm);
                m_today = Date{date::year{tm.tm_year + 1900},
                               date::month{static_cast<unsigned>(tm.tm_mon + 1)},
                               date::day{static_cast<unsigned>(tm.tm_mday)}};
            }
        }
        return *m_today;
    }

    bool db_given() const {
        return !m_globals.db.empty() || (m_env.bmc_db && !m_env.bmc_db->empty());
    }

    std::string db_path() const {
        return resolve_db_path(
            m_globals.db.empty() ? std::nullopt : std::optional<std::string>(m_globals.db), m_env);
    }

    // The service on the user's database. Commands that cannot succeed on an empty database (reads,
    // and changes to an existing person) pass create = false: when there is no database yet they
    // work on an empty in-memory one instead of creating a file.
    Service& service(bool create = true) {
        if (!m_service) {
            const Date t = today();
            std::string path = db_path();
            if (!create && !std::filesystem::exists(path)) {
                path = ":memory:";
            }
            m_repo = std::make_unique<Repository>(path, true, upgrade_notice());
            m_repo->set_change_label(change_label_for_undo);
            m_service = std::make_unique<Service>(*m_repo, t, m_clock);
        }
        return *m_service;
    }

    // Opens a specific database file (used by `demo`).
    Service& service_at(const std::string& path) {
        m_repo = std::make_unique<Repository>(path, true, upgrade_notice());
        m_repo->set_change_label(change_label_for_undo);
        m_service = std::make_unique<Service>(*m_repo, today(), m_clock);
        return *m_service;
    }

    // Says on stderr that an existing database is being upgraded, before the migration starts:
    // on a large file it can take a minute, which would otherwise look like a hang.
    Repository::UpgradeNotice upgrade_notice() {
        return [this](int from, int to) {
            m_term.err << "bmc: note: upgrading the database from schema " << from << " to " << to
                       << " (once; a very large file can take a minute)\n"
                       << std::flush;
        };
    }

    Style style() const {
        const bool no_color_env = m_env.no_color && !m_env.no_color->empty();
        return Style{m_term.out_is_tty && !m_globals.no_color && !no_color_env};
    }

    std::ostream& out() { return m_term.out; }
    std::ostream& err() { return m_term.err; }
    std::istream& in() { return m_term.in; }

    // Describes this command's change in the undo history.
    std::string change_label_for_undo = "bmc";

private:
    const Globals& m_globals;
    const Environment& m_env;
    Terminal m_term;
    std::optional<Date> m_today;
    SystemClock m_clock;
    std::unique_ptr<Repository> m_repo;
    std::unique_ptr<Service> m_service;
};

using Handler = std::function<void(Session&)>;
// What runs for each (sub)command once the arguments are parsed. `only`, when set, names the one
// command the command line asks for: the add_*_commands functions then build only that one
// (wants()), since building all some 60 commands with their options is most of the start-up
// time of a quick command such as `bmc log`.
struct Handlers : std::map<CLI::App*, Handler> {
    std::string only;
    bool wants(std::string_view command) const { return only.empty() || only == command; }
};

// Parses --strength and --by values; UsageError when unknown.
Strength strength_arg(const std::string& text);
Initiator initiator_arg(const std::string& text);

// `value` when the option was given on the command line, else nullopt.
std::optional<std::string> given(const CLI::Option* opt, const std::string& value);

// Marks a vector option as "one value per occurrence, repeatable".
CLI::Option* repeatable(CLI::Option* opt);

// A help footer listing example command lines.
std::string examples(std::initializer_list<const char*> lines);

// Prints a JSON document, indented, followed by a newline.
void print_json(Session& s, const Json& j);

// Writes `produce`'s output to `path` atomically (temporary file + rename), mode 0600.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& produce);

// Each group of commands registers its subcommands and their handlers.
void add_core_commands(CLI::App& app, Handlers& handlers);       // cli.cpp
void add_followup_commands(CLI::App& app, Handlers& handlers);   // cli_followups.cpp
void add_transfer_commands(CLI::App& app, Handlers& handlers);   // cli_transfer.cpp
void add_dupes_commands(CLI::App& app, Handlers& handlers);      // cli_dupes.cpp
void add_connection_commands(CLI::App& app, Handlers& handlers); // cli_connections.cpp
void add_routine_commands(CLI::App& app, Handlers& handlers);    // cli_routine.cpp: plan, stats...
void add_safety_commands(CLI::App& app, Handlers& handlers);     // cli_safety.cpp
void add_shell_commands(CLI::App& app, Handlers& handlers);      // cli_shell.cpp

// Rewrites a month-day without a year ("--03-14") given to `--birthday` or to `bmc date` as
// "03-14", which the parser would otherwise take for an unknown option (cli_connections.cpp).
void accept_dates_without_year(std::vector<std::string>& args);

// How a command line is described in the undo history: the words after the global options.
std::string change_label(const std::vector<std::string>& args);

} // namespace bmc::cli
