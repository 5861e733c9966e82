#include "run.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace bmc::e2e {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Sandbox::Sandbox() {
    std::string tmpl = (fs::temp_directory_path() / "bmc-e2e-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_dir = tmpl;
    fs::create_directories(m_dir / "home");
}

Sandbox::~Sandbox() {
    std::error_code ec;
    fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_dir, ec);
}

Result Sandbox::bmc(const std::vector<std::string>& args, const std::string& stdin_text) {
    std::vector<std::string> full = {"--db", db(), "--today", today};
    full.insert(full.end(), args.begin(), args.end());
    return raw(full, {}, stdin_text);
}

Result Sandbox::raw(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env, const std::string& stdin_text) {
    const fs::path in_path = m_dir / ".stdin";
    const fs::path out_path = m_dir / ".stdout";
    const fs::path err_path = m_dir / ".stderr";
    {
        std::ofstream in(in_path, std::ios::binary | std::ios::trunc);
        in << stdin_text;
    }
    std::map<std::string, std::string> vars = {
        {"HOME", (m_dir / "home").string()}, {"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"}};
    for (const auto& [k, v] : env) {
        vars[k] = v;
    }
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : vars) {
        env_strings.push_back(k + "=" + v);
    }
    std::vector<char*> envp;
    for (auto& s : env_strings) {
        envp.push_back(s.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {BMC_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        const int in = ::open(in_path.c_str(), O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::chdir(m_dir.c_str());
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    return r;
}

std::string Sandbox::snapshot() const {
    std::string all;
    for (const char* suffix : {"", "-wal"}) {
        const fs::path p = db() + suffix;
        all += p.filename().string() + ":" + (fs::exists(p) ? read_file(p) : "<none>") + "\n";
    }
    return all;
}

namespace check {

std::string join_args(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) {
        s += a + " ";
    }
    return s;
}

std::string ok(Sandbox& sb, const std::vector<std::string>& args, const std::string& in) {
    const Result r = sb.bmc(args, in);
    INFO("bmc " << join_args(args));
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    return r.out;
}

void fails(Sandbox& sb, const std::vector<std::string>& args, int code, const std::string& err) {
    const std::string before = sb.snapshot();
    const Result r = sb.bmc(args);
    INFO("bmc " << join_args(args));
    CHECK(r.code == code);
    CHECK(r.out.empty());
    CHECK(r.err == err);
    CHECK((sb.snapshot() == before)); // unchanged
}

} // namespace check

} // namespace bmc::e2e
