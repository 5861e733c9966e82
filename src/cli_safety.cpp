// The safety commands: undo, backup, restore and check.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <filesystem>

namespace bmc::cli {

void add_safety_commands(CLI::App& app, Handlers& handlers) {
    // undo
    if (handlers.wants("undo")) {
        auto* cmd = app.add_subcommand("undo", "Revert the most recent change (add, log, edit, rm, "
                                               "import...)");
        auto yes = std::make_shared<bool>(false);
        auto list = std::make_shared<bool>(false);
        auto json = std::make_shared<bool>(false);
        cmd->add_flag("-y,--yes", *yes,
                      "Really revert it (without it, bmc only says what it would revert)");
        cmd->add_flag("--list", *list, "List the undo history, newest first");
        cmd->add_flag("--json", *json, "With --list: print the history as JSON (docs/json.md)");
        cmd->footer(examples({"bmc undo", "bmc undo --yes", "bmc undo --list"}));
        handlers[cmd] = [=](Session& s) {
            if (*list) {
                const auto history = s.service(false).undo_history(Repository::undo_depth);
                if (*json) {
                    print_json(s, undo_history_to_json(history));
                } else if (history.empty()) {
                    s.out() << "Nothing to undo.\n";
                } else {
                    for (const auto& c : history) {
                        s.out() << render_undo_change(c);
                    }
                }
                return;
            }
            if (*json) {
                throw UsageError("--json goes with --list", "run `bmc undo --list --json`");
            }
            const UndoChange c = s.service(false).undo(*yes);
            if (!*yes) {
                std::string line = render_undo_change(c);
                line.pop_back();
                throw DataError("not undone: this would revert " + line,
                                "run again with --yes to revert it");
            }
            s.out() << "Reverted " << render_undo_change(c);
        };
    }
    // backup
    if (handlers.wants("backup")) {
        auto* cmd = app.add_subcommand("backup", "Write a consistent copy of the database");
        auto file = std::make_shared<std::string>();
        auto force = std::make_shared<bool>(false);
        cmd->add_option("FILE", *file, "Where to write the copy (created with mode 0600)")
            ->required();
        cmd->add_flag("-f,--force", *force, "Replace FILE if it exists");
        cmd->footer(
            examples({"bmc backup ~/bmc-$(date +%F).db", "bmc backup /media/usb/bmc.db --force"}));
        handlers[cmd] = [=](Session& s) {
            if (!std::filesystem::exists(s.db_path())) {
                throw NotFoundError("no database at " + s.db_path(),
                                    "add someone first with `bmc add NAME`");
            }
            if (!*force && std::filesystem::exists(*file)) {
                throw DataError(quote(*file) + " exists already",
                                "choose a new name, or pass --force to replace it");
            }
            s.service(false).backup(*file, *force);
            s.out() << "Backed up " << terminal_safe(s.db_path()) << " to " << terminal_safe(*file)
                    << ".\n";
        };
    }
    // restore
    if (handlers.wants("restore")) {
        auto* cmd = app.add_subcommand("restore", "Replace the database with a backup");
        auto file = std::make_shared<std::string>();
        cmd->add_option("FILE", *file, "A file written by `bmc backup`")->required();
        cmd->footer(examples({"bmc restore ~/bmc-2026-11-22.db"}));
        handlers[cmd] = [=](Session& s) {
            // Checked before anything is created or replaced.
            Repository::verify_database_file(*file);
            const std::string kept = s.service().restore(*file);
            s.out() << "Restored " << terminal_safe(s.db_path()) << " from " << terminal_safe(*file)
                    << ".\nThe database it replaced is kept in " << terminal_safe(kept) << ".\n";
        };
    }
    // check
    if (handlers.wants("check")) {
        auto* cmd =
            app.add_subcommand("check", "Check the database for damage and inconsistencies");
        cmd->footer(examples({"bmc check"}));
        handlers[cmd] = [](Session& s) {
            if (!std::filesystem::exists(s.db_path())) {
                throw NotFoundError("no database at " + s.db_path(),
                                    "add someone first with `bmc add NAME`");
            }
            const CheckReport r = s.service(false).check();
            s.out() << render_check(r);
            if (!r.problems.empty()) {
                throw DataError("the database has problems",
                                "restore a backup (`bmc restore FILE`), or export what is readable "
                                "with `bmc export --json`");
            }
        };
    }
}

} // namespace bmc::cli

namespace bmc::cli {

std::string change_label(const std::vector<std::string>& args) {
    std::string label = "bmc";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--db" || a == "--today") {
            ++i;
            continue;
        }
        if (a == "--no-color" || a.rfind("--db=", 0) == 0 || a.rfind("--today=", 0) == 0) {
            continue;
        }
        const bool plain =
            !a.empty() && a.find_first_of(" \t\n\"'\\$`;&|<>()*?") == std::string::npos;
        label += " " + (plain ? a : quote(a));
        if (label.size() > 200) {
            std::size_t cut = 200;
            while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            label = label.substr(0, cut) + "…";
            break;
        }
    }
    return label;
}

} // namespace bmc::cli
