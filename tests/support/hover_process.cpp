#include "support/hover_process.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hover::testing {
namespace {

std::vector<char*> make_argv(std::vector<std::string>& storage) {
    std::vector<char*> argv;
    for (auto& s : storage) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    return argv;
}

void apply_env(const std::map<std::string, std::string>& env) {
    for (const auto& [k, v] : env) {
        if (v.empty()) {
            ::unsetenv(k.c_str());
        } else {
            ::setenv(k.c_str(), v.c_str(), 1);
        }
    }
}

}  // namespace

CommandResult run_hover(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env,
                        const std::string& input) {
    int in_pipe[2];
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) {
        ADD_FAILURE() << "pipe failed";
        return {};
    }
    std::vector<std::string> storage{HOVER_BINARY};
    storage.insert(storage.end(), args.begin(), args.end());
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        ::close(in_pipe[1]);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        apply_env(env);
        auto argv = make_argv(storage);
        ::execv(argv[0], argv.data());
        std::perror("execv");
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    // Write stdin from a thread so a large input cannot deadlock against a full stdout pipe.
    std::thread writer([fd = in_pipe[1], &input] {
        std::size_t done = 0;
        while (done < input.size()) {
            auto n = ::write(fd, input.data() + done, input.size() - done);
            if (n <= 0) {
                break;
            }
            done += static_cast<std::size_t>(n);
        }
        ::close(fd);
    });
    CommandResult result;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    char buf[65536];
    while (open_fds > 0) {
        if (::poll(fds, 2, 120000) <= 0) {
            ADD_FAILURE() << "hover did not finish within 120 s";
            ::kill(pid, SIGKILL);
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP)) != 0) {
                auto n = ::read(fds[i].fd, buf, sizeof buf);
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                    --open_fds;
                } else {
                    (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
                }
            }
        }
    }
    writer.join();
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

TempFile::TempFile(const std::string& suffix) {
    static std::atomic<int> counter{0};
    const char* dir = std::getenv("TMPDIR");
    path_ = fmt::format("{}/hover-test-{}-{}{}", dir != nullptr ? dir : "/tmp", ::getpid(),
                        counter++, suffix);
    std::remove(path_.c_str());
}

TempFile::~TempFile() {
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    std::remove((path_ + "-shm").c_str());
}

int free_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    int port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

std::unique_ptr<HoverServer> HoverServer::start(const std::string& db_url,
                                                const std::vector<std::string>& extra) {
    auto server = std::unique_ptr<HoverServer>(new HoverServer());
    server->port_ = free_loopback_port();
    static std::atomic<int> counter{0};
    server->log_path_ = fmt::format("/tmp/hover-server-{}-{}.log", ::getpid(), counter++);
    std::vector<std::string> storage{HOVER_BINARY, "serve",
                                     "--db",       db_url,
                                     "--listen",   fmt::format("127.0.0.1:{}", server->port_)};
    storage.insert(storage.end(), extra.begin(), extra.end());
    pid_t pid = ::fork();
    if (pid == 0) {
        int fd = ::open(server->log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        auto argv = make_argv(storage);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    server->pid_ = pid;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        auto client = server->client();
        client.set_connection_timeout(1);
        if (auto res = client.Get("/healthz"); res && res->status == 200) {
            return server;
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            server->pid_ = -1;
            ADD_FAILURE() << "hover serve exited early; see " << server->log_path_;
            return nullptr;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "hover serve did not answer /healthz within 15 s; see " << server->log_path_;
    return nullptr;
}

httplib::Client HoverServer::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    return c;
}

int HoverServer::stop() {
    if (pid_ <= 0) {
        return -1;
    }
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return 137;
}

HoverServer::~HoverServer() {
    stop();
    std::remove(log_path_.c_str());
}

}  // namespace hover::testing
