// salescopilot user calibrate | user voice-profile (calibrate.h).
#include "cli/calibrate.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "audio/wav.h"
#include "cli/admin_store.h"
#include "cli/config.h"
#include "core/log.h"
#include "speech/calibration/voice_profile.h"
#include "storage/store.h"

namespace sc::cli {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int Fail(const char* command, const Status& s) {
  LogWarn("cli.calibration_failed",
          {F("command", command),
           F("code", std::string(StatusCodeName(s.code())))});
  return FailCommand(command, s);
}

// The user must be stored in the tenant; the same answer for an unknown
// user and another tenant's user.
Status CheckUser(storage::Store& store, const CalibrateOptions& o) {
  SC_RETURN_IF_ERROR(storage::ValidateId("tenant", o.tenant_id));
  SC_RETURN_IF_ERROR(storage::ValidateId("user", o.user_id));
  auto user = store.GetUser(o.user_id);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) {
    return user.status();
  }
  if (!user.ok() || user->tenant_id != o.tenant_id) {
    return NotFound("user " + o.user_id + " not found in tenant " +
                    o.tenant_id + " (add it with `salescopilot user add`)");
  }
  return Status::Ok();
}

StatusOr<std::string> ReadText(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFound("script file " + path + " not found");
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) return IoError("cannot read script file " + path);
  return ss.str();
}

const char* RateSourceName(speech::RateSource s) {
  return s == speech::RateSource::kScript ? "script" : "recognized words";
}

}  // namespace

int RunUserCalibrate(const CalibrateOptions& o) {
  constexpr char kCmd[] = "user calibrate";
  auto store = OpenAdminStore(o.config_path, o.data_dir);
  if (!store.ok()) return Fail(kCmd, store.status());
  // Checked before the slow part: calibration takes about a third of the
  // audio's length.
  if (Status s = CheckUser(**store, o); !s.ok()) return Fail(kCmd, s);

  auto audio = audio::ReadWav(o.audio_path);
  if (!audio.ok()) return Fail(kCmd, audio.status());
  if (o.channel < 0 || o.channel >= audio->channels) {
    return Fail(kCmd, InvalidArgument("--channel " + std::to_string(o.channel) +
                                      " is not in the file (it has " +
                                      std::to_string(audio->channels) +
                                      " channel(s))"));
  }
  speech::CalibrationOptions co;
  co.min_speech_s = o.min_speech_s;
  if (!o.script_path.empty()) {
    auto script = ReadText(o.script_path);
    if (!script.ok()) return Fail(kCmd, script.status());
    co.script = std::move(script).value();
  }
  std::cerr << "calibrating from " << audio->duration_s() << " s of audio at "
            << audio->sample_rate << " Hz...\n";
  auto profile = speech::Calibrate(audio::ExtractChannel(*audio, o.channel),
                                   audio->sample_rate, co);
  if (!profile.ok()) return Fail(kCmd, profile.status());

  storage::VoiceProfileRecord rec;
  rec.tenant_id = o.tenant_id;
  rec.user_id = o.user_id;
  rec.profile_json = speech::VoiceProfileJson(*profile);
  rec.audio_s = profile->audio_s;
  rec.created_unix_ms = NowMs();
  auto version = (*store)->PutVoiceProfile(rec);
  if (!version.ok()) return Fail(kCmd, version.status());
  // Figures only: the words the user said stay out of the log.
  LogInfo(
      "calibration.stored",
      {F("tenant", o.tenant_id), F("user", o.user_id), F("version", *version),
       F("audio_s", profile->audio_s), F("speech_s", profile->speech_s),
       F("words_per_minute", profile->words_per_minute),
       F("missing_words",
         static_cast<int64_t>(profile->missing_words.size()))});
  std::printf(
      "voice profile %lld stored for %s (tenant %s)\n"
      "  audio            %.1f s, %.1f s of recognized speech in %d "
      "utterances\n"
      "  speaking rate    %.0f words/min (from the %s)\n"
      "  cmninit          %s\n"
      "  missing words    %zu (added to this user's track; show them with "
      "`salescopilot user voice-profile`)\n",
      static_cast<long long>(*version), o.user_id.c_str(), o.tenant_id.c_str(),
      profile->audio_s, profile->speech_s, profile->utterances,
      profile->words_per_minute, RateSourceName(profile->rate_source),
      profile->CmninitString().c_str(), profile->missing_words.size());
  return 0;
}

int RunUserVoiceProfile(const CalibrateOptions& o) {
  constexpr char kCmd[] = "user voice-profile";
  auto store = OpenAdminStore(o.config_path, o.data_dir);
  if (!store.ok()) return Fail(kCmd, store.status());
  if (Status s = CheckUser(**store, o); !s.ok()) return Fail(kCmd, s);
  auto rec = (*store)->GetVoiceProfile(o.tenant_id, o.user_id);
  if (!rec.ok()) {
    if (rec.status().code() == StatusCode::kNotFound) {
      return Fail(kCmd, NotFound("user " + o.user_id +
                                 " has no voice profile (run `salescopilot "
                                 "user calibrate`)"));
    }
    return Fail(kCmd, rec.status());
  }
  boost::system::error_code ec;
  boost::json::value profile = boost::json::parse(rec->profile_json, ec);
  if (ec) return Fail(kCmd, Internal("stored voice profile is not JSON"));
  boost::json::object out{{"tenant_id", rec->tenant_id},
                          {"user_id", rec->user_id},
                          {"version", rec->version},
                          {"audio_s", rec->audio_s},
                          {"created_unix_ms", rec->created_unix_ms},
                          {"profile", std::move(profile)}};
  std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

}  // namespace sc::cli
