// For tests: runs test_transcription_server.py, the local server that speaks
// the OpenAI transcription wire format (it parses the multipart request with
// Python's own email and wave modules), for the whole test suite.
//
//   static void SetUpTestSuite() { ASSERT_TRUE(server_.Start()) << ...; }
//   static void TearDownTestSuite() { server_.Stop(); }
//   options.base_url = server_.base_url();   // http://127.0.0.1:PORT/v1
//
// Needs SC_SOURCE_DIR (ctest sets it) and python3.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace sc::speech::test_support {

class TestTranscriptionServer {
 public:
  // Starts the server and reads the port it prints. False, with error(),
  // when it cannot.
  bool Start() {
    const char* src = std::getenv("SC_SOURCE_DIR");
    if (src == nullptr) {
      error_ = "run through ctest (sets SC_SOURCE_DIR)";
      return false;
    }
    const std::string script =
        std::string(src) + "/src/speech/remote/test_transcription_server.py";
    int out[2];
    if (pipe(out) != 0) {
      error_ = "pipe failed";
      return false;
    }
    pid_ = fork();
    if (pid_ < 0) {
      error_ = "fork failed";
      return false;
    }
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      execlp("python3", "python3", script.c_str(), nullptr);
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    int port = 0;
    const bool started = std::fscanf(f, "PORT %d", &port) == 1;
    fclose(f);
    if (!started) {
      error_ = "server did not start";
      return false;
    }
    base_url_ = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    return true;
  }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  const std::string& base_url() const { return base_url_; }
  const std::string& error() const { return error_; }

 private:
  pid_t pid_ = -1;
  std::string base_url_;
  std::string error_;
};

}  // namespace sc::speech::test_support
