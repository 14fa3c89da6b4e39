#include "speech/pocketsphinx/ps_util.h"

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace sc::speech::ps {
namespace {

struct CmdLnFree {
  void operator()(cmd_ln_t* c) const { cmd_ln_free_r(c); }
};
using CmdLnPtr = std::unique_ptr<cmd_ln_t, CmdLnFree>;

}  // namespace

std::string DefaultWorkDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/salescopilot";
  }
  return "/tmp/salescopilot-model-" + std::to_string(::getuid());
}

uint64_t Fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

StatusOr<ps_decoder_t*> NewDecoder(const std::vector<std::string>& args,
                                   std::string_view what) {
  static std::mutex init_mu;
  std::lock_guard<std::mutex> lock(init_mu);
  // cmd_ln_parse_r takes char**; it copies what it keeps.
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  CmdLnPtr config(cmd_ln_parse_r(
      nullptr, ps_args(), static_cast<int32>(argv.size()), argv.data(), FALSE));
  if (!config) {
    return InvalidArgument("pocketsphinx rejected the " + std::string(what) +
                           " options");
  }
  ps_decoder_t* decoder = ps_init(config.get());
  if (decoder == nullptr) {
    return Internal("pocketsphinx failed to load the " + std::string(what) +
                    " model");
  }
  return decoder;
}

}  // namespace sc::speech::ps
