// The routine and network-health commands: plan, stats, review and why.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <cstdint>

namespace bmc::cli {

namespace {

// "12", "#12" → 12; UsageError otherwise.
std::int64_t suggestion_id(const std::string& text) {
    std::string digits = text;
    if (!digits.empty() && digits.front() == '#') {
        digits.erase(0, 1);
    }
    const auto number = parse_whole_number(digits, 1, INT64_MAX);
    if (!number) {
        throw UsageError("suggestion ID must be a number like 12 or #12, not " + quote(text),
                         "see the IDs with `bmc review`");
    }
    return *number;
}

} // namespace

void add_routine_commands(CLI::App& app, Handlers& handlers) {
    // plan
    if (handlers.wants("plan")) {
        auto* cmd = app.add_subcommand(
            "plan", "Lay out who to reconnect with in each of the next weeks, within your quota");
        auto weeks = std::make_shared<int>(default_plan_weeks);
        auto json = std::make_shared<bool>(false);
        cmd->add_option("-w,--weeks", *weeks,
                        "How many weeks to plan, 1 to " + std::to_string(max_plan_weeks) +
                            " (default " + std::to_string(default_plan_weeks) + ")");
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples({"bmc config set routine.per-week 5", "bmc plan",
                              "bmc plan --weeks 8 --json | jq '.weeks[0].contacts[].name'"}));
        handlers[cmd] = [=](Session& s) {
            const PlanReport r = s.service(false).plan(*weeks);
            if (*json) {
                print_json(s, plan_to_json(r));
            } else {
                s.out() << render_plan(r, s.style());
            }
        };
    }
    // stats
    if (handlers.wants("stats")) {
        auto* cmd = app.add_subcommand(
            "stats", "Network health: strengths, stages, conversations per month, the routine");
        auto json = std::make_shared<bool>(false);
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples({"bmc stats", "bmc stats --json | jq .stages"}));
        handlers[cmd] = [=](Session& s) {
            const NetworkStats st = s.service(false).stats();
            if (*json) {
                print_json(s, stats_to_json(st));
            } else {
                s.out() << render_stats(st, s.style());
            }
        };
    }
    // review
    if (handlers.wants("review")) {
        auto* cmd = app.add_subcommand(
            "review", "Suggest stronger or weaker ties from the evidence; --apply the ones you "
                      "agree with");
        auto apply = std::make_shared<std::vector<std::string>>();
        auto json = std::make_shared<bool>(false);
        auto* apply_opt = cmd->add_option(
            "--apply", *apply, "Apply these suggestions (their IDs, as `bmc review` shows them)");
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples({"bmc review", "bmc review --apply 4 7", "bmc review --json"}));
        handlers[cmd] = [=](Session& s) {
            ReviewReport r;
            if (apply_opt->count() > 0) {
                std::vector<std::int64_t> ids;
                for (const auto& text : *apply) {
                    ids.push_back(suggestion_id(text));
                }
                r = s.service(false).apply_review(ids);
            } else {
                r = s.service(false).review();
            }
            if (*json) {
                print_json(s, review_to_json(r));
            } else {
                s.out() << render_review(r, s.style());
            }
        };
    }
    // why
    if (handlers.wants("why")) {
        auto* cmd = app.add_subcommand("why", "Explain how a person's next date was worked out");
        auto who = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        cmd->add_option("NAME", *who, "Name, part of a name, or #id")->required();
        cmd->add_flag("--json", *json, "Print JSON (see docs/json.md)");
        cmd->footer(examples({"bmc why Ada", "bmc why '#12' --json"}));
        handlers[cmd] = [=](Session& s) {
            const WhyReport w = s.service(false).why(*who);
            if (*json) {
                print_json(s, why_to_json(w, explain(w)));
            } else {
                s.out() << render_why(w, s.style());
            }
        };
    }
}

} // namespace bmc::cli
