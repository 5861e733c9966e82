// Moving people in and out: `export --format F` and `import --format F`.
#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/import_formats.hpp"
#include "bmc/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bmc::cli {

namespace {

namespace fs = std::filesystem;

const char* const export_formats = "json, jsonl, csv, vcard, ics";
const char* const import_formats = "json, linkedin, google, csv, vcard";

std::string read_whole(std::istream& in) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string read_path(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw DataError("cannot read " + quote(path.string()) + ": " + std::strerror(errno),
                        "check the path");
    }
    return read_whole(in);
}

bool is_vcf(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    return ext == ".vcf" || ext == ".vcard";
}

// The records of FILE, DIR (vCard only: every .vcf in it, by name) or "-" in `format`.
std::vector<PersonRecord> read_records(Session& s, const std::string& format,
                                       const std::string& file) {
    const auto read = [&](std::string_view text, const std::string& source) {
        if (format == "linkedin") {
            return read_linkedin_csv(text, source);
        }
        if (format == "google") {
            return read_google_csv(text, source);
        }
        if (format == "csv") {
            return read_bmc_csv(text, source);
        }
        return read_vcard_people(text, source);
    };
    if (file == "-") {
        return read(read_whole(s.in()), "<stdin>");
    }
    const fs::path path(file);
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        return read(read_path(path), path.filename().string());
    }
    if (format != "vcard") {
        throw UsageError(quote(file) + " is a directory",
                         "only --format vcard reads a directory (of .vcf files); give a file");
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path)) {
        if (entry.is_regular_file() && is_vcf(entry.path())) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        throw DataError(quote(file) + " holds no .vcf files", "check the directory");
    }
    std::vector<PersonRecord> all;
    for (const auto& f : files) {
        auto part = read(read_path(f), f.filename().string());
        std::move(part.begin(), part.end(), std::back_inserter(all));
    }
    return all;
}

// Writes one vCard per person into `dir` (created if missing) as UID.vcf, each atomically.
void export_vcard_dir(Service& svc, int version, const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        throw DataError("cannot create the directory " + quote(dir.string()),
                        "check the path and its permissions");
    }
    svc.export_vcards(version, [&](const std::string& uid, const std::string& card) {
        write_file_atomically((dir / (uid + ".vcf")).string(),
                              [&](std::ostream& out) { out << card; });
    });
}

} // namespace

void add_transfer_commands(CLI::App& app, Handlers& handlers) {
    // export
    if (handlers.wants("export")) {
        auto* cmd = app.add_subcommand(
            "export", "Write the database as JSON, JSON Lines, CSV, vCard or iCalendar");
        auto format = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        auto output = std::make_shared<std::string>();
        auto vcard_version = std::make_shared<std::string>("4.0");
        auto within = std::make_shared<std::string>();
        auto alarm = std::make_shared<bool>(false);
        auto* f =
            cmd->add_option("-f,--format", *format,
                            std::string("One of ") + export_formats + " (docs/import-export.md)");
        cmd->add_flag("--json", *json, "Short for --format json (docs/json.md)");
        auto* o = cmd->add_option("-o,--output", *output,
                                  "Write to FILE instead of stdout; with --format vcard a "
                                  "directory (existing, or ending in /) gets one UID.vcf per "
                                  "person");
        auto* vv = cmd->add_option("--vcard-version", *vcard_version, "4.0 (default) or 3.0");
        auto* w = cmd->add_option(
            "--within", *within,
            "ics: only reconnects due within this duration (e.g. 4w); yearly dates are always in");
        auto* a = cmd->add_flag("--alarm", *alarm, "ics: a reminder at 09:00 on the day");
        cmd->footer(examples({"bmc export --json > backup.json",
                              "bmc export --format csv --output people.csv",
                              "bmc export --format vcard --output ~/.contacts/bmc/",
                              "bmc export --format ics --within 8w --alarm --output bmc.ics",
                              "bmc export --json | jq '.contacts[] | select(.strength == "
                              "\"strong\")'"}));
        handlers[cmd] = [=](Session& s) {
            std::string fmt = *format;
            if (*json) {
                if (f->count() > 0 && fmt != "json") {
                    throw UsageError("--json and --format " + fmt + " contradict each other",
                                     "give one of them");
                }
                fmt = "json";
            }
            if (fmt.empty()) {
                throw UsageError("choose an export format", "use bmc export --json");
            }
            const bool known =
                fmt == "json" || fmt == "jsonl" || fmt == "csv" || fmt == "vcard" || fmt == "ics";
            if (!known) {
                throw UsageError("unknown export format " + quote(fmt),
                                 std::string("use one of ") + export_formats);
            }
            if (vv->count() > 0 && fmt != "vcard") {
                throw UsageError("--vcard-version goes with --format vcard", "drop it");
            }
            if ((w->count() > 0 || a->count() > 0) && fmt != "ics") {
                throw UsageError("--within and --alarm go with --format ics", "drop them");
            }
            if (*vcard_version != "4.0" && *vcard_version != "3.0" && *vcard_version != "4" &&
                *vcard_version != "3") {
                throw UsageError("unknown vCard version " + quote(*vcard_version),
                                 "use 4.0 or 3.0");
            }
            const int version = vcard_version->front() == '3' ? 3 : 4;
            std::optional<Interval> horizon;
            if (w->count() > 0) {
                horizon = parse_interval(*within, "--within");
            }
            if (fmt == "json" || fmt == "jsonl") {
                Service::reserve_export_cache(); // before the database opens
            }
            Service& svc = s.service(false);
            const bool to_file = o->count() > 0 && *output != "-";
            if (fmt == "vcard" && to_file &&
                (output->back() == '/' || fs::is_directory(fs::path(*output)))) {
                export_vcard_dir(svc, version, fs::path(*output));
                s.err() << "Exported to " << *output << ".\n";
                return;
            }
            const auto produce = [&](std::ostream& out) {
                if (fmt == "json") {
                    svc.export_json(out);
                } else if (fmt == "jsonl") {
                    svc.export_jsonl(out);
                } else if (fmt == "csv") {
                    svc.export_csv(out);
                } else if (fmt == "vcard") {
                    svc.export_vcards(
                        version, [&](const std::string&, const std::string& card) { out << card; });
                } else {
                    out << svc.export_ics(horizon, *alarm);
                }
            };
            if (to_file) {
                write_file_atomically(*output, produce);
                s.err() << "Exported to " << *output << ".\n";
            } else {
                produce(s.out());
            }
        };
    }
    // import
    if (handlers.wants("import")) {
        auto* cmd = app.add_subcommand(
            "import", "Read people from JSON, LinkedIn, Google Contacts, CSV or vCard files");
        auto format = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        auto file = std::make_shared<std::string>();
        auto dry_run = std::make_shared<bool>(false);
        auto overwrite = std::make_shared<bool>(false);
        auto strength = std::make_shared<std::string>();
        auto tags = std::make_shared<std::vector<std::string>>();
        auto* f =
            cmd->add_option("-f,--format", *format,
                            std::string("One of ") + import_formats + " (docs/import-export.md)");
        cmd->add_flag("--json", *json, "Short for --format json (docs/json.md)");
        cmd->add_option("FILE", *file,
                        "The file to read, a directory of .vcf files (vcard), or - for standard "
                        "input")
            ->required();
        auto* d = cmd->add_flag("-n,--dry-run", *dry_run,
                                "Show what would be added and merged; write nothing");
        auto* ow = cmd->add_flag("--overwrite", *overwrite,
                                 "Let the file's values replace those of people already stored");
        auto* st = cmd->add_option("-s,--strength", *strength,
                                   "Strength of the people added (linkedin: weak by default)");
        auto* tg = repeatable(cmd->add_option("-t,--tag", *tags,
                                              "Tag every imported person (linkedin: instead of "
                                              "the tag linkedin); repeatable"));
        cmd->footer(examples({"bmc import --format linkedin Connections.csv",
                              "bmc import --format vcard --dry-run contacts.vcf",
                              "bmc import --format vcard ~/.contacts/friends/",
                              "bmc import --format google --tag family google.csv",
                              "bmc import --json backup.json"}));
        handlers[cmd] = [=](Session& s) {
            std::string fmt = *format;
            if (*json) {
                if (f->count() > 0 && fmt != "json") {
                    throw UsageError("--json and --format " + fmt + " contradict each other",
                                     "give one of them");
                }
                fmt = "json";
            }
            if (fmt.empty()) {
                throw UsageError("choose an import format", "use bmc import --json FILE");
            }
            if (fmt == "json") {
                if (d->count() > 0 || ow->count() > 0 || st->count() > 0 || tg->count() > 0) {
                    throw UsageError("--dry-run, --overwrite, --strength and --tag do not go "
                                     "with JSON",
                                     "a JSON import restores records as they are");
                }
                ImportSummary summary;
                if (*file == "-") {
                    summary = s.service().import_json(s.in());
                } else {
                    std::ifstream in(*file, std::ios::binary);
                    if (!in) {
                        throw DataError("cannot read " + quote(*file) + ": " + std::strerror(errno),
                                        "check the path");
                    }
                    summary = s.service().import_json(in);
                }
                s.out() << render_import(summary);
                return;
            }
            if (fmt != "linkedin" && fmt != "google" && fmt != "csv" && fmt != "vcard") {
                throw UsageError("unknown import format " + quote(fmt),
                                 std::string("use one of ") + import_formats);
            }
            ImportOptions options;
            options.dry_run = *dry_run;
            options.overwrite = *overwrite;
            if (st->count() > 0) {
                options.strength = strength_arg(*strength);
            } else if (fmt == "linkedin") {
                options.default_strength = Strength::weak;
            }
            options.tags = *tags;
            if (tg->count() == 0 && fmt == "linkedin") {
                options.tags = {"linkedin"};
            }
            const auto records = read_records(s, fmt, *file);
            s.out() << render_people_import(s.service().import_people(records, options));
        };
    }
}

} // namespace bmc::cli
