// File: tests/support/hover_process.hpp
//
// Runs the real `hover` binary from tests: one command to completion (run_hover), or a server
// in the background on a free loopback port (HoverServer), stopped with SIGTERM at the end.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>
#include <sys/types.h>

namespace hover::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// The environment for a run that must not see a HOVER_DB of the caller's shell.
inline const std::map<std::string, std::string> kNoEnvDb{{"HOVER_DB", ""}};

// Runs `hover args...` with extra environment variables, feeding `input` on stdin.
CommandResult run_hover(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env = {},
                        const std::string& input = {});

// A unique path under the system temp directory, removed (with -wal/-shm) by the destructor.
class TempFile {
public:
    explicit TempFile(const std::string& suffix);
    ~TempFile();
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

class HoverServer {
public:
    // Starts `hover serve --db DB --listen 127.0.0.1:PORT extra...` and waits for /healthz.
    // Returns nullptr (after ADD_FAILURE) when it does not come up within 15 s.
    static std::unique_ptr<HoverServer> start(const std::string& db_url,
                                              const std::vector<std::string>& extra = {});
    ~HoverServer();

    int port() const { return port_; }
    httplib::Client client() const;
    // Sends SIGTERM, waits, and returns the exit code (0 on a clean shutdown).
    int stop();
    const std::string& log_path() const { return log_path_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string log_path_;
};

int free_loopback_port();

}  // namespace hover::testing
