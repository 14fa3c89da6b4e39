// The built-in playbook. Written from common sales practice: answer the
// objection the prospect raised, in their terms, and end with a question
// that moves the conversation forward. The brief's defaults lead their
// categories: price -> ROI, happy with the current provider -> competitive
// positioning, need more time -> urgency.
#include "guidance/playbook.h"

namespace sc::guidance {
namespace {

using S = SalesStyle;
const std::vector<SalesStyle> kAll = {};
const std::vector<SalesStyle> kConsultative = {S::kConsultative};
const std::vector<SalesStyle> kTransactional = {S::kTransactional};
const std::vector<SalesStyle> kRelationship = {S::kRelationship};
const std::vector<SalesStyle> kConsultativeRelationship = {S::kConsultative,
                                                           S::kRelationship};
const std::vector<SalesStyle> kConsultativeTransactional = {S::kConsultative,
                                                            S::kTransactional};
const std::vector<SalesStyle> kTransactionalRelationship = {S::kTransactional,
                                                            S::kRelationship};

std::map<std::string, CategoryPlaybook, std::less<>> Categories() {
  std::map<std::string, CategoryPlaybook, std::less<>> c;
  c["price"] = {
      "Price",
      {
          {"roi",
           "ROI",
           kAll,
           "Reframe on ROI: set the price against the time and money it saves "
           "each month.",
           {"I understand the price looks high on its own. Put it next to the "
            "return: most of our customers in {industry|your field} cover the "
            "cost within "
            "the first few months through the time and money it saves.",
            "Fair, it's not cheap on paper. But if it pays for itself in a few "
            "months, it's really about what you get back, right?",
            "Let's run the numbers: hours {term|the product} saves per week "
            "times your loaded hourly cost, against the monthly fee. The "
            "payback period is usually a matter of months."},
           "What is this problem costing you today, in time or money?"},
          {"cost_of_inaction",
           "Cost of inaction",
           kConsultativeRelationship,
           "Show the cost of doing nothing: what does the current problem cost "
           "each month?",
           {"Before we look at our price, it's worth putting a number on what "
            "the current situation costs you each month, because that is the "
            "real comparison.",
            "Quick thought: what's it costing you to leave things as they are? "
            "That's the real number to compare against.",
            ""},
           "If nothing changes in the next six months, what does that cost "
           "you?"},
          {"options",
           "Smaller start",
           kTransactional,
           "Offer a smaller package or a phased start instead of a discount.",
           {"If the full package is more than you want to commit to now, we "
            "can start smaller or phase the rollout, so the price matches the "
            "value you have seen.",
            "No problem, we could start smaller and grow from there. Would "
            "that work better?",
            ""},
           "Which part of it matters most to you right now?"},
      }};
  c["budget"] = {
      "Budget",
      {
          {"budget_process",
           "Budget process",
           kAll,
           "Explore the budget: the range, when the next cycle opens, who can "
           "move money.",
           {"That makes sense. How is budget for something like this usually "
            "set, and when does the next cycle open? Sometimes it comes from a "
            "different line, such as the cost it replaces.",
            "Totally get it. How does budget usually work on your side? Is a "
            "new cycle coming up?",
            ""},
           "What range did you have in mind for solving this?"},
          {"business_case",
           "Business case",
           kConsultativeRelationship,
           "Help build the business case: budget follows a clear return.",
           {"When the return is clear, budget can often be found. I'm happy to "
            "help you build a short business case for whoever owns the "
            "budget.",
            "If the payoff is obvious, the money usually shows up. Want help "
            "putting the case together?",
            "A one-page business case with payback period and risk usually "
            "unlocks budget. I can draft it with your figures."},
           "Who owns the budget this would come from?"},
          {"phased",
           "Phased start",
           kTransactional,
           "Propose a phased start or payment terms that fit this year's "
           "budget.",
           {"We can phase the rollout or spread the payments so it fits "
            "within this year's budget, and expand once you see results.",
            "We could spread it out so it fits what you have now and grow "
            "later. Would that help?",
            ""},
           "What could you commit to this quarter?"},
      }};
  c["competitor"] = {
      "Competitor",
      {
          {"differentiate",
           "Differentiate",
           kAll,
           "Ask what they value in the competitor, then contrast one "
           "difference that matters to them.",
           {"They're a solid company. What matters most to you in that "
            "comparison? Where we usually stand apart for teams in "
            "{industry|your field} is how quickly you get results and the "
            "support after the "
            "sale.",
            "They're good, no doubt. What do you like most about them? I'd "
            "love to show you where we're different.",
            "Let's compare on specifics: integration effort, time to value and "
            "support response times. Which of those weighs most in your "
            "evaluation?"},
           "What would the ideal solution do that neither of us does today?"},
          {"side_by_side",
           "Side-by-side",
           kConsultativeTransactional,
           "Offer a side-by-side comparison on the criteria they care about.",
           {"Would a side-by-side comparison on your own criteria help? That "
            "way the decision rests on facts rather than on sales pitches.",
            "Want to line us up side by side on what matters to you? Easiest "
            "way to see the difference.",
            ""},
           "Which three criteria will decide it for you?"},
          {"no_knock",
           "Respect the choice",
           kRelationship,
           "Don't knock the competitor: acknowledge the choice, ask what is "
           "missing.",
           {"It sounds like you've done your homework. I won't knock them; "
            "I'd just like to understand whether there's anything you wish "
            "they did better.",
            "Makes sense, they're a fair choice. Anything you wish they did "
            "better?",
            ""},
           "What made you look at them in the first place?"},
      }};
  c["status_quo"] = {
      "Happy with current provider",
      {
          {"competitive_positioning",
           "Competitive positioning",
           kAll,
           "Position against the incumbent: ask what they'd improve, then "
           "show one gap we close.",
           {"Glad it's working for you. Most of our customers in "
            "{industry|your field} were happy with their previous provider "
            "too, and switched because we did one thing noticeably better.",
            "Great that it's working! Most of our customers felt the same "
            "before switching; they just found one thing we did a lot better.",
            "Good to hear. It's worth checking how your current setup compares "
            "on uptime, integrations and reporting, because that is where the "
            "gaps usually show."},
           "If you could improve one thing about your current setup, what "
           "would it be?"},
          {"benchmark",
           "No-risk benchmark",
           kConsultativeTransactional,
           "Offer a no-risk benchmark against what they use today.",
           {"No need to switch anything to find out. We could run a short "
            "benchmark against your current setup; if it doesn't show a clear "
            "gain, you've lost nothing.",
            "You don't have to switch to find out. Want to do a quick "
            "side-by-side test?",
            "We can benchmark against your current setup on your own data and "
            "metrics; if the gain isn't measurable, you keep what you have."},
           "Which result would make a comparison worth your time?"},
          {"future_fit",
           "Future fit",
           kRelationship,
           "Ask whether the current provider will still fit in a year, as "
           "they grow.",
           {"It sounds like it works for you today. Looking a year ahead, "
            "with the plans you have, will it still keep up?",
            "Cool. Do you think it'll still keep up a year from now, with "
            "where you're heading?",
            ""},
           "Where do you see the team in a year?"},
      }};
  c["contract"] = {
      "Contract",
      {
          {"plan_switch",
           "Plan the switch",
           kAll,
           "Work with the contract: plan the switch for its end date and "
           "agree terms now.",
           {"That makes sense, and we don't want you paying twice. When does "
            "the current contract end? We can plan the switch for that date "
            "and have everything ready beforehand.",
            "Totally, no point paying twice. When does it run out? We can "
            "line things up for then.",
            ""},
           "When does your current contract come up for renewal?"},
          {"early_switch_math",
           "Early-switch math",
           kConsultativeTransactional,
           "Compare the savings from switching early with the cost of the "
           "remaining term.",
           {"Sometimes it pays to switch early: if the savings exceed what's "
            "left on the contract, the math favours moving now. Shall we work "
            "that out together?",
            "Sometimes switching early actually saves money. Want to run the "
            "numbers quickly?",
            ""},
           "What do you pay each month under the current contract?"},
          {"flexible_terms",
           "Flexible terms",
           kTransactionalRelationship,
           "Lower the commitment: a shorter term, a pilot or a cancellation "
           "clause.",
           {"If a long commitment is the concern, we can start with a shorter "
            "term or a pilot, so you're never locked in.",
            "If being locked in is the worry, we can keep it short and "
            "flexible.",
            ""},
           "What term length would feel comfortable?"},
      }};
  c["timing"] = {
      "Need more time",
      {
          {"urgency",
           "Urgency",
           kAll,
           "Create urgency: tie the decision to a deadline or a cost they care "
           "about.",
           {"Of course, it's a real decision. Keep in mind that every month we "
            "wait, the problem we talked about keeps costing you, and the "
            "sooner we start, the sooner you see results.",
            "Sure, no rush. Just keep in mind the issue we talked about costs "
            "you every month it sticks around.",
            "Understood. Setup takes a few weeks, so a decision now means "
            "results this quarter; a later start pushes the payback out by the "
            "same amount."},
           "What would need to happen for this to be a priority this quarter?"},
          {"clarify_delay",
           "Clarify the delay",
           kConsultativeRelationship,
           "Find out what the time is for: open questions, people or budget?",
           {"Absolutely. So I can help, what will you be weighing up in that "
            "time? If there are open questions, let's answer them now.",
            "Sure thing. What's still on your mind? Maybe we can sort it out "
            "now.",
            ""},
           "What's the main thing you still need to figure out?"},
          {"book_decision",
           "Book the decision",
           kTransactional,
           "Agree a concrete date to decide, and put it in the calendar now.",
           {"That's fine. Let's put a short call in the calendar for when "
            "you've had time to think, so it doesn't slip.",
            "No worries. Let's pencil in a quick call so it doesn't fall "
            "through the cracks.",
            ""},
           "When would be a good time to reconnect?"},
      }};
  c["authority"] = {
      "Decision maker",
      {
          {"involve_decider",
           "Involve the decider",
           kAll,
           "Map the decision: ask who else is involved and offer to meet them "
           "together.",
           {"That makes sense. Who else will be part of the decision, and "
            "what will matter most to them? I'd be happy to join a short call "
            "to answer their questions directly.",
            "Makes sense. Who else weighs in? Happy to hop on a call with them "
            "too.",
            ""},
           "Who else needs to be comfortable with this before it moves "
           "forward?"},
          {"champion_kit",
           "Equip the champion",
           kConsultativeRelationship,
           "Equip them as the champion: offer a one-page summary for the "
           "decision maker.",
           {"I can put together a one-page summary of the business case that "
            "you can share, so you're not left explaining everything on your "
            "own.",
            "Want me to write up a one-pager you can pass along?",
            "I can prepare a one-page summary with the figures and the "
            "technical requirements for the people signing off."},
           "What will they want to see first?"},
          {"approval_process",
           "Approval process",
           kTransactional,
           "Ask how approval works and how long it takes, then agree the next "
           "step.",
           {"Understood. What does the approval process look like on your "
            "side, and how long does it usually take?",
            "Got it. How does sign-off usually work there?", ""},
           "What is the next step in your approval process?"},
      }};
  c["need"] = {
      "No need",
      {
          {"uncover_pain",
           "Uncover the need",
           kAll,
           "Uncover the need: ask how they handle the problem today and what "
           "it costs.",
           {"Fair enough. Many teams in {industry|your field} felt the same "
            "until they "
            "looked at how much time goes into handling it manually.",
            "Fair enough! A lot of folks felt the same until they counted the "
            "hours spent on it.",
            ""},
           "How are you handling this today, and what happens when it goes "
           "wrong?"},
          {"peer_story",
           "Peer story",
           kConsultativeRelationship,
           "Tell a short story of a similar customer who didn't think they "
           "needed it.",
           {"A customer in a similar position told us the same thing, and "
            "then found they were losing hours every week that nobody had "
            "counted. Would it be worth a quick check?",
            "Funny, one of our customers said exactly that, then found they "
            "were losing hours every week. Worth a quick look?",
            ""},
           "Would it be worth ten minutes to check?"},
          {"qualify_out",
           "Qualify honestly",
           kTransactional,
           "Qualify honestly: if there is no need, agree, and ask what would "
           "change it.",
           {"That's completely fine; if there's no need, I don't want to "
            "waste your time.",
            "Totally fine, no point pushing something you don't need.", ""},
           "What would have to change for this to become relevant?"},
      }};
  c["trust"] = {
      "Trust and risk",
      {
          {"proof",
           "Proof",
           kAll,
           "Offer proof: a relevant case study, a reference customer or a "
           "guarantee.",
           {"That's a reasonable concern. I can share a case study from a "
            "company like yours in {industry|your field}, or put you in touch "
            "with a "
            "customer you can call directly.",
            "Totally fair. Want to talk to one of our customers directly? "
            "They'll give it to you straight.",
            "I understand. We can share our security documentation, uptime "
            "history and a reference customer with a comparable setup, so you "
            "can check for yourself."},
           "What would you need to see to feel comfortable?"},
          {"reduce_risk",
           "Reduce the risk",
           kConsultativeTransactional,
           "Take the risk away: a pilot, a trial, or clear exit terms.",
           {"Let's take the risk off the table: we can start with a short "
            "pilot with clear success criteria, and you only continue if it "
            "delivers.",
            "How about a short trial? If it doesn't work for you, you walk "
            "away.",
            "We can run a time-boxed pilot with success metrics agreed up "
            "front; continuing depends only on hitting them."},
           "What would a successful pilot need to show?"},
          {"understand_concern",
           "Understand the concern",
           kRelationship,
           "Acknowledge the concern and ask what is behind it before "
           "answering.",
           {"I appreciate you telling me. Has something happened with a "
            "vendor before that makes you cautious? I'd like to understand "
            "before I answer.",
            "Thanks for being honest. Had a bad experience before?", ""},
           "What happened last time?"},
      }};
  c["technical"] = {
      "Technical fit",
      {
          {"clarify_requirement",
           "Clarify the requirement",
           kAll,
           "Clarify the exact technical requirement, then answer or offer an "
           "expert.",
           {"Good question. Can you tell me a bit more about how your current "
            "systems are set up, so I give you an accurate answer rather than "
            "a generic one?",
            "Good one. How's your setup looking today? Then I can give you a "
            "real answer.",
            "Let's be precise: which systems, versions and data flows are "
            "involved? If it needs more depth, I'll bring in one of our "
            "solutions engineers."},
           "Which systems would {term|this} need to work with?"},
          {"expert_session",
           "Expert session",
           kConsultativeRelationship,
           "Offer a technical session with a solutions engineer.",
           {"I'd like to get you a proper answer on that. Shall we set up a "
            "short session with one of our engineers and your technical team?",
            "Let me get our engineer on a call with your tech folks. They'll "
            "sort it out quickly.",
            ""},
           "Who on your side should join that session?"},
          {"proof_of_concept",
           "Proof of concept",
           kConsultativeTransactional,
           "Propose a small proof of concept on their own data.",
           {"The quickest way to settle it is a small proof of concept on "
            "your own data. Would that be useful?",
            "Easiest way to find out: try it on your own data.",
            "A scoped proof of concept against your own environment would "
            "answer that with evidence rather than slides."},
           "What would the proof of concept need to demonstrate?"},
      }};
  c["brush_off"] = {
      "Brush-off",
      {
          {"earn_time",
           "Earn thirty seconds",
           kAll,
           "Acknowledge, then earn thirty seconds with one relevant question.",
           {"Of course, I'll be brief. Before I send anything, can I ask one "
            "quick question so that what I send is actually relevant to you?",
            "Sure, I'll keep it quick. Mind if I ask one thing first, so I "
            "send something useful?",
            ""},
           "What's your biggest headache around {term|this area} right now?"},
          {"targeted_info",
           "Targeted follow-up",
           kConsultativeRelationship,
           "Agree to send information, tied to one problem and a follow-up "
           "time.",
           {"Happy to send something over. To make it useful, which part "
            "matters most to you, and can we take ten minutes later this week "
            "to go through it?",
            "Happy to! Which bit matters most to you? And can we chat for ten "
            "minutes after you've had a look?",
            ""},
           "When would be a good time to go through it together?"},
          {"not_now_or_never",
           "Not now or never",
           kTransactional,
           "Ask permission to close the loop: is it 'not now' or 'not ever'?",
           {"Understood. So I don't keep bothering you, is this a 'not right "
            "now' or a 'not at all'?",
            "Got it. Is it a 'not now' or a 'never'? Either's fine.", ""},
           ""},
      }};
  c[std::string(kCustomCategory)] = {
      "Concern",
      {
          {"clarify",
           "Clarify",
           kAll,
           "Acknowledge the concern about {category|this}, then ask what is "
           "behind it.",
           {"I hear you on {category|that}. Can you tell me a bit more about "
            "what's behind it, so I can give you a useful answer?",
            "Got it on {category|that}. What's behind it?", ""},
           "What would a good outcome look like for you here?"},
          {"isolate",
           "Isolate",
           kAll,
           "Isolate it: if this were solved, would anything else stand in the "
           "way?",
           {"Suppose we solved {category|this} for you. Would anything else "
            "stand in the way of moving forward?",
            "Say we sorted out {category|this}. Anything else holding you "
            "back?",
            ""},
           ""},
      }};
  return c;
}

std::vector<ChecklistItem> Checklist() {
  return {
      {"discovery",
       "No discovery question yet",
       "Ask about their biggest challenge before pitching: \"What's the "
       "biggest challenge with how you handle this today?\"",
       5 * 60 * 1000,
       {"challenge", "challenges", "problem", "problems", "pain point",
        "pain points", "struggle", "struggling", "frustrating", "biggest issue",
        "whats not working", "what is not working", "how do you handle",
        "how are you handling"}},
      {"budget",
       "Budget not discussed",
       "Ask about budget: \"Have you set aside a budget for solving this?\"",
       10 * 60 * 1000,
       {"budget", "budgets", "budgeted", "how much are you", "spend",
        "spending", "investment", "invest", "price range", "afford"}},
      {"decision_process",
       "Decision process unknown",
       "Ask who decides: \"Who else will be involved in this decision?\"",
       15 * 60 * 1000,
       {"decision", "decide", "decides", "decision maker", "who else",
        "sign off", "signs off", "approve", "approval", "stakeholders",
        "procurement"}},
      {"timeline",
       "Timeline not discussed",
       "Ask about timing: \"When would you like to have this in place?\"",
       20 * 60 * 1000,
       {"timeline", "timeframe", "time frame", "deadline", "by when", "go live",
        "start date", "when would you", "when do you need",
        "when are you looking"}},
      {"next_step",
       "No next step proposed",
       "Propose a concrete next step with a date: a follow-up call, a demo "
       "or a proposal.",
       25 * 60 * 1000,
       {"next step", "next steps", "follow up", "followup", "schedule",
        "calendar", "book a", "set up a call", "proposal", "demo", "meeting",
        "trial", "pilot"}},
  };
}

Playbook BuildDefault() {
  Playbook p;
  p.name = "default";
  p.opener_consultative = {"That's a fair point, and I'm glad you raised it.",
                           "Totally fair, glad you brought that up.",
                           "Good point; let's look at it properly."};
  p.opener_transactional = {"Understood.", "Got it.", "Understood."};
  p.opener_relationship = {"I appreciate you being straight with me on that.",
                           "Thanks for being upfront with me.", ""};
  p.closer_soft_close = {
      "Would it help if I put together a short summary for you to look at?",
      "Want me to send over a quick summary so you can mull it over?",
      "Shall I send you the figures so you can check them against your own "
      "data?"};
  p.closer_hard_close = {
      "If that addresses it, can we agree on the next step today?",
      "If that works for you, shall we lock in the next step now?",
      "If the numbers hold up, can we set a start date today?"};
  p.closer_collaborative = {
      "What would you need to see to feel confident about moving forward?",
      "What would make this an easy yes for you?",
      "Which criteria would we need to meet for you to sign off?"};
  p.categories = Categories();
  p.checklist = Checklist();
  return p;
}

}  // namespace

const Playbook& DefaultPlaybook() {
  static const Playbook* const kDefault = new Playbook(BuildDefault());
  return *kDefault;
}

}  // namespace sc::guidance
