#include "cli_detail.hpp"

#include "bmc/errors.hpp"
#include "bmc/text.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace bmc::cli {

Strength strength_arg(const std::string& text) {
    if (auto s = parse_strength(text)) {
        return *s;
    }
    throw UsageError("unknown strength " + quote(text), "use strong, medium or weak");
}

Initiator initiator_arg(const std::string& text) {
    if (auto who = parse_initiator(text)) {
        return *who;
    }
    throw UsageError("--by must be 'me' or 'them', not " + quote(text),
                     "say who reached out: --by me or --by them");
}

std::optional<std::string> given(const CLI::Option* opt, const std::string& value) {
    return opt->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
}

CLI::Option* repeatable(CLI::Option* opt) {
    return opt->expected(1)->allow_extra_args(false)->take_all();
}

std::string examples(std::initializer_list<const char*> lines) {
    std::string out = "\nExamples:\n";
    for (const char* line : lines) {
        out += "  ";
        out += line;
        out += '\n';
    }
    return out;
}

void print_json(Session& s, const Json& j) {
    s.out() << dump(j, 2) << '\n';
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& produce) {
    namespace fs = std::filesystem;
    fs::path target(path);
    std::error_code ec;
    const fs::file_status st = fs::status(target, ec); // follows symbolic links
    if (fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st)) {
        // A device or a pipe (/dev/null, /dev/stdout, a FIFO): written into, never replaced —
        // renaming a file over it would turn /dev/null into a regular file for everyone.
        std::ofstream out(target, std::ios::binary);
        if (!out) {
            throw DataError("cannot write to " + quote(path) + ": " + std::strerror(errno),
                            "check that it is writable");
        }
        produce(out);
        out.flush();
        if (!out) {
            throw DataError("cannot write to " + quote(path), "check that it is writable");
        }
        return;
    }
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        // Replace the file the link points to and keep the link.
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec) {
            target = resolved;
        }
    }
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string tmpl = (dir / (".bmc-export-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        throw DataError("cannot write to " + quote(path) + ": " + std::strerror(errno),
                        "check that the directory exists and is writable");
    }
    ::close(fd);
    try {
        {
            std::ofstream file(tmpl, std::ios::binary | std::ios::trunc);
            produce(file);
            file.flush();
            if (!file) {
                throw DataError("cannot write to " + quote(path) + " (disk full?)",
                                "free some space and try again");
            }
        }
        fs::rename(tmpl, target);
    } catch (...) {
        fs::remove(tmpl, ec);
        throw;
    }
}

} // namespace bmc::cli
