// Reading our own TwiML the way Twilio would act on it, for `simulate
// --twilio`: which stream to open (URL and <Parameter>s), where to send the
// call's status callbacks, the <Dial> action and the recording callback.
//
//   SC_ASSIGN_OR_RETURN(TwimlPlan plan, ReadTwiml(xml));
//   if (plan.stream) open plan.stream->url with plan.stream->parameters
//
// It reads well-formed TwiML as Twilio's builders write it (elements,
// attributes in double or single quotes, the five XML entities and numeric
// character references); it is not a general XML parser. InvalidArgument
// when the root is not <Response> or a tag is malformed.
//
// Thread-safety: a pure function.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::cli {

struct TwimlStream {
  std::string url;
  std::string track;
  std::map<std::string, std::string> parameters;  // <Parameter>s.
};

struct TwimlDial {
  std::string action;                     // <Dial action>; may be empty.
  std::string record;                     // e.g. record-from-answer-dual.
  std::string recording_status_callback;  // May be empty.
  std::string caller_id;
  std::string number;           // <Number> text, when dialling a number.
  std::string client;           // <Client> identity, when ringing a browser.
  std::string status_callback;  // Of the <Number>/<Client>.
};

struct TwimlPlan {
  std::optional<TwimlStream> stream;  // <Start><Stream>.
  std::optional<TwimlDial> dial;
  std::vector<std::string> says;  // <Say> texts, in order.
  bool hangup = false;            // A <Hangup/> verb.
  bool record = false;            // A <Record> verb (voicemail).
};

StatusOr<TwimlPlan> ReadTwiml(std::string_view xml);

}  // namespace sc::cli
