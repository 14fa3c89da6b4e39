// The voice webhook cases for the TwiML oracle: for each request, the decision
// and the document the contract of src/telephony/twilio/voice_webhook.h
// promises, written with Twilio's official VoiceResponse.
'use strict';

module.exports = function voiceCases(twilio) {
// The voice webhook: the expected document for each case, written with the
// official VoiceResponse from the contract in voice_webhook.h.
const BASE = 'https://copilot.example.com';
const SAY = { voice: 'Polly.Joanna', language: 'en-US' };
const profiles = [
  { user_id: 'u_alice', tenant_id: 'acme', identity: 'alice', phone_number: '+15017122661',
    voice_enabled: true, recording_enabled: true, ai_enabled: true, may_call: true },
  { user_id: 'u_bob', tenant_id: 'acme', identity: 'bob', phone_number: '+15017122662',
    voice_enabled: true, recording_enabled: false, ai_enabled: true, may_call: true },
  { user_id: 'u_carol', tenant_id: 'beta', identity: 'carol', phone_number: '+15017122663',
    voice_enabled: true, recording_enabled: true, ai_enabled: false, may_call: true },
  { user_id: 'u_dave', tenant_id: 'beta', identity: 'dave', phone_number: '+15017122664',
    voice_enabled: true, recording_enabled: false, ai_enabled: false, may_call: false },
  { user_id: 'u_erin', tenant_id: 'beta', identity: 'erin', phone_number: '+15017122665',
    voice_enabled: false, recording_enabled: true, ai_enabled: true, may_call: true },
];
const sentences = {
  notAllowed: 'Sorry, this account is not allowed to place calls. Please contact your administrator. Goodbye.',
  badNumber: 'Sorry, the number you dialed is not a valid phone number. Please check it and try again. Goodbye.',
  notInService: 'Sorry, the number you called is not in service. Goodbye.',
  cannotTake: 'Sorry, this number cannot take calls right now. Goodbye.',
  tryLater: 'Sorry, we cannot connect your call right now. Please try again later. Goodbye.',
  leaveMessage: 'The person you called is not available. Please leave a message after the tone, and hang up when you are done.',
  noMessage: 'We did not receive a message. Goodbye.',
  unavailable: 'The person you called is not available. Please try again later. Goodbye.',
  thanks: 'Thank you. Your message has been recorded. Goodbye.',
  busy: 'The number you called is busy. Goodbye.',
  noAnswer: 'The number you called did not answer. Goodbye.',
  failed: 'The call could not be connected. Goodbye.',
};
function sayHangup(sentence) {
  const r = new twilio.twiml.VoiceResponse();
  r.say(SAY, sentence);
  r.hangup();
  return r.toString();
}
function hangupOnly() {
  const r = new twilio.twiml.VoiceResponse();
  r.hangup();
  return r.toString();
}
function stream(r, p, callSid, direction, agentTrack) {
  const s = r.start().stream({ url: 'wss://copilot.example.com/api/twilio-calls/media-stream',
                               track: 'both_tracks', name: 'copilot' });
  for (const [name, value] of [['call_sid', callSid], ['user_id', p.user_id], ['tenant_id', p.tenant_id],
                               ['direction', direction], ['agent_track', agentTrack]]) {
    s.parameter({ name, value });
  }
}
function recordingAttrs(p) {
  return p.recording_enabled ? {
    record: 'record-from-answer-dual',
    recordingStatusCallback: BASE + '/api/twilio-calls/recording',
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed', 'absent'],
  } : {};
}
const legEvents = {
  statusCallback: BASE + '/api/twilio-calls/status',
  statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
  statusCallbackMethod: 'POST',
};
function expectedOutbound(p, callSid, to) {
  const r = new twilio.twiml.VoiceResponse();
  if (p.ai_enabled) stream(r, p, callSid, 'outbound', 'inbound');
  const d = r.dial({ callerId: p.phone_number, ...recordingAttrs(p), answerOnBridge: true,
                     action: BASE + '/api/twilio-calls/dial-action', method: 'POST' });
  d.number(legEvents, to);
  return r.toString();
}
function expectedInbound(p, callSid, timeout) {
  const r = new twilio.twiml.VoiceResponse();
  if (p.ai_enabled) stream(r, p, callSid, 'inbound', 'outbound');
  const d = r.dial({ ...recordingAttrs(p), answerOnBridge: true, timeout,
                     action: BASE + '/api/twilio-calls/dial-action', method: 'POST' });
  d.client(legEvents, p.identity);
  return r.toString();
}
function expectedVoicemail() {
  const r = new twilio.twiml.VoiceResponse();
  r.say(SAY, sentences.leaveMessage);
  r.record({ action: BASE + '/api/twilio-calls/voicemail', method: 'POST', maxLength: 120, playBeep: true,
             recordingStatusCallback: BASE + '/api/twilio-calls/recording',
             recordingStatusCallbackMethod: 'POST', recordingStatusCallbackEvent: ['completed', 'absent'] });
  r.say(SAY, sentences.noMessage);
  r.hangup();
  return r.toString();
}
function form(from, to, extra) {
  const f = [['CallSid', 'CA' + 'f'.repeat(32)], ['AccountSid', 'AC' + 'a'.repeat(32)], ['From', from],
             ['To', to], ['Caller', from], ['Direction', 'inbound'], ['CallStatus', 'ringing'],
             ['ApiVersion', '2010-04-01']];
  return f.concat(extra || []);
}
const CALL = 'CA' + 'f'.repeat(32);
const byId = Object.fromEntries(profiles.map((p) => [p.identity, p]));
const voiceCases = [];
const options = { public_base_url: BASE };
function vc(kind, f, expectedDecision, expectedTwiml, opts) {
  voiceCases.push({ tool: { op: 'voice', kind, form: f, profiles, options: opts || options },
                    decision: expectedDecision, twiml: expectedTwiml });
}
// (a) browser calls.
for (const id of ['alice', 'bob', 'carol']) {
  vc('call', form('client:' + id, '+15558675310'), 'outbound_dial',
     expectedOutbound(byId[id], CALL, '+15558675310'));
}
vc('call', form('client:dave', '+15558675310'), 'rejected_no_permission', sayHangup(sentences.notAllowed));
vc('call', form('client:erin', '+15558675310'), 'rejected_voice_disabled', sayHangup(sentences.notAllowed));
vc('call', form('client:mallory', '+15558675310'), 'rejected_unknown_client', sayHangup(sentences.notAllowed));
for (const to of ['5558675310', '+1 555 867 5310', '', '+0123456', 'client:bob', '+1234567890123456']) {
  vc('call', form('client:alice', to), 'rejected_malformed_to', sayHangup(sentences.badNumber));
}
// (b) calls to a user's number.
for (const id of ['alice', 'bob', 'carol', 'dave']) {
  vc('call', form('+14155550100', byId[id].phone_number), 'inbound_ring',
     expectedInbound(byId[id], CALL, 20));
}
vc('call', form('anonymous', '+15017122661'), 'inbound_ring', expectedInbound(byId.alice, CALL, 20));
vc('call', form('+14155550100', '+15017122661'), 'inbound_ring', expectedInbound(byId.alice, CALL, 45),
   { public_base_url: BASE, ring_timeout_seconds: 45 });
// (c) unknown, disabled, malformed.
vc('call', form('+14155550100', '+15017129999'), 'rejected_unknown_number', sayHangup(sentences.notInService));
vc('call', form('+14155550100', '+15017122665'), 'rejected_voice_disabled', sayHangup(sentences.cannotTake));
vc('call', form('+14155550100', 'not-a-number'), 'rejected_malformed_to', sayHangup(sentences.notInService));
vc('call', [['From', '+14155550100'], ['To', '+15017122661']], 'rejected_malformed_request',
   sayHangup(sentences.tryLater));
vc('call', form('client:alice', '+15558675310'), 'rejected_bad_config', sayHangup(sentences.tryLater),
   { public_base_url: 'copilot.example.com' });
// Dial actions and voicemail.
for (const status of ['completed', 'answered']) {
  vc('dial_action', form('+14155550100', '+15017122661', [['DialCallStatus', status]]), 'call_finished', hangupOnly());
  vc('dial_action', form('client:alice', '+15558675310', [['DialCallStatus', status]]), 'call_finished', hangupOnly());
}
for (const status of ['no-answer', 'busy', 'failed', 'canceled']) {
  vc('dial_action', form('+14155550100', '+15017122661', [['DialCallStatus', status]]), 'voicemail',
     expectedVoicemail());
  vc('dial_action', form('+14155550100', '+15017122661', [['DialCallStatus', status]]), 'unavailable',
     sayHangup(sentences.unavailable), { public_base_url: BASE, voicemail: 'message' });
}
vc('dial_action', form('client:alice', '+15558675310', [['DialCallStatus', 'busy']]), 'outbound_not_connected',
   sayHangup(sentences.busy));
vc('dial_action', form('client:alice', '+15558675310', [['DialCallStatus', 'no-answer']]), 'outbound_not_connected',
   sayHangup(sentences.noAnswer));
vc('dial_action', form('client:alice', '+15558675310', [['DialCallStatus', 'failed']]), 'outbound_not_connected',
   sayHangup(sentences.failed));
vc('dial_action', form('client:alice', '+15558675310', [['DialCallStatus', 'canceled']]), 'call_finished',
   hangupOnly());
vc('voicemail', form('+14155550100', '+15017122661', [['RecordingUrl', 'https://api.twilio.com/x']]),
   'call_finished', sayHangup(sentences.thanks));

  return voiceCases;
};
