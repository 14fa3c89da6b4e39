// The topic and stance lexicon of the objection detector's broad layer
// (objection_cues.h). Written from general sales knowledge: the words
// buyers reach for when they push back on each topic, in the many ways a
// salesperson hears them, not from any evaluation set. Weights: 1 for a
// word that on its own names the topic of an objection ("afford",
// "competitors", "sign off"), 0.75 for a usual but less specific one
// ("money", "vendor"), 0.5 for a word that only supports others ("time",
// "use"). Word lists are matched by stem (objection_cues.h: "budgets",
// "switching" find "budget", "switch"); phrases use the pattern language
// on normalized words ("don't" is "do not", "can't" is "can not").
#include <array>

#include "analysis/objection_cues.h"

namespace sc::analysis {
namespace {

constexpr CueKind kT = CueKind::kTopic;
constexpr CueKind kL = CueKind::kLoaded;
constexpr CueKind kS = CueKind::kStance;

constexpr std::array kLexicon = {
    // ---- stance: pushback, hesitation, doubt, deferral. ----
    CueEntry{"", 1, kS,
             "not|never|no|nothing|nobody|none|neither|nor|without|hardly|"
             "barely|cannot|unfortunately|worried|worry|worries|concern|"
             "concerned|afraid|unsure|hesitant|hesitate|doubt|doubtful|"
             "skeptical|sceptical|wary|nervous|reluctant|unless|instead|"
             "rather|too|unclear|uncomfortable|unconvinced|unable|scare|"
             "scares|scared|scary|fear|fears|worrying|frustrating|hurt|"
             "hurts|painful|stretched|strained|struggling|overwhelmed"},
    CueEntry{"", 0.75, kS,
             "but|however|although|already|only|first|until|till|maybe|"
             "perhaps|probably|hard|difficult|tough|tight|anymore|prefer|"
             "sorry|strict|honestly|frankly|limited|struggle|risk"},
    CueEntry{"", 0.5, kS,
             "lot|much|enough|less|alone|whole|again|anything|else|yet|pass|"
             "still|just|seems|seem|sounds|looks"},
    CueEntry{"", 1, kS,
             "(the|my|our|one|only|main|big|real) (problem|issue|concern|"
             "worry|thing|catch|hesitation) (is|here|for)"},
    CueEntry{"", 1, kS,
             "(not sure|not convinced|not certain|do not think|do not know "
             "if|do not know whether|do not see|can not see|not so sure|on "
             "the fence|give up)"},
    CueEntry{"", 1, kS, "(why|how come) (would|should|do|does|will|can) +2"},
    CueEntry{"", 1, kS,
             "how (do|can|would|could|will) (i|we|you) (know|be sure|trust|"
             "tell|justify|prove|convince)"},
    CueEntry{"", 1, kS, "what (if|happens if|happens to|happens when)"},
    CueEntry{"", 1, kS,
             "what (makes|would make|sets) (you|your|this|it) *2 (different|"
             "better|stand out)"},
    CueEntry{"", 1, kS,
             "(have|has|had|need|needs|got|going) to (check|ask|talk|run|"
             "discuss|get|clear|consult|loop|confirm|wait|think|see|go "
             "through|bring)"},
    CueEntry{"", 1, kS, "(would|will|i would|we would) (have|need) to"},
    CueEntry{"", 1, kS, "(more|higher|bigger|steeper|pricier|longer) than"},
    CueEntry{"", 0.75, kS, "(let me|i need to|we need to)"},
    CueEntry{"", 0.75, kS, "(do|did|have|can) you (have|show|prove) (any)?"},
    CueEntry{"", 0.5, kS, "(a|the) (lot|bit) (of|more)"},
    CueEntry{"", 1, kS,
             "steep|ridiculous|outrageous|insane|crazy|excessive|unrealistic|"
             "prohibitive"},
    CueEntry{"", 0.75, kS, "(is|that is|it is|are) (a)? (no|non) +2"},

    // ---- price: it costs too much. ----
    CueEntry{"price", 1, kT,
             "price|pricing|afford|affordable|discount|fee|roi|"
             "markup|premium|quote|quoted|overhead"},
    CueEntry{"price", 0.75, kT,
             "cost|charge|pay|paying|payment|expense|rate|subscription|"
             "dollars|bucks|thousand|thousands|hundred|hundreds|grand|"
             "cheap|cheaper|cheapest|worth|seat|license|licence|per"},
    CueEntry{"price", 0.5, kT, "money|amount|number|spend|invoice|value"},
    CueEntry{"price", 1, kL,
             "expensive|pricey|overpriced|costly|exorbitant|unaffordable|"
             "pricier|overcharge"},
    CueEntry{"price", 0.75, kL, "steep|outrageous|ridiculous|prohibitive"},
    CueEntry{"price", 1, kL,
             "(out of|above|beyond|over) (our|my) (price range|range|reach|"
             "means)"},
    CueEntry{"price", 1, kL,
             "(a lot|too much|so much|way more|much more|a fortune|an arm "
             "and a leg) (to pay|money|for)"},
    CueEntry{"price", 1, kL,
             "(more|higher|less|lower) than (we|i) (expected|hoped|thought|"
             "wanted|planned|budgeted|were expecting|was expecting|had in "
             "mind)"},
    CueEntry{"price", 1, kT,
             "(half|twice|double) (the|that|your)? (price|amount|cost)"},
    CueEntry{"price", 0.75, kT,
             "(better|best|good|special|lower) (deal|rate|rates|offer|terms)"},
    CueEntry{"price", 1, kT,
             "(wiggle room|any better|best price|better price|lower price|"
             "come down|sharpen your pencil)"},

    // ---- budget: there is no money for it. ----
    CueEntry{"budget", 1, kT,
             "budget|budgets|budgeted|budgeting|funds|funding|funded|"
             "finances|allocation|allocated|fiscal|capex|opex|recession|"
             "austerity|underfunded"},
    CueEntry{"budget", 0.75, kT,
             "money|cash|spending|spend|spent|resources|cuts|cut|layoffs|"
             "downturn|economy|revenue|payroll|purchases|expenses|losses|"
             "finance"},
    CueEntry{"budget", 0.5, kT, "dollar|year's|quarter's"},
    CueEntry{"budget", 1, kT,
             "(find|get|have|got|free up|come up with) (the|that|any|enough)? "
             "(money|budget|funds|funding|cash)"},
    CueEntry{"budget", 1, kL, "frozen|freeze|slashed|strapped|broke|tighten"},
    CueEntry{"budget", 1, kT,
             "(line item|set aside|earmarked|signed off on spending|money "
             "left|cash flow|cost cutting|belt tightening)"},

    // ---- competitor: someone else is in the picture. ----
    CueEntry{"competitor", 1, kT,
             "competitor|competitors|competition|competing|rival|rivals|"
             "alternatives|elsewhere|shortlist|shortlisted|vendors|"
             "providers|suppliers"},
    CueEntry{"competitor", 0.75, kL,
             "competitor|competitors|competition|rival|rivals"},
    CueEntry{"competitor", 0.75, kL,
             "(signed with|went with|gone with|going with|shopping around|"
             "quote from|offer from|proposal from)"},
    CueEntry{"competitor", 0.75, kT,
             "alternative|vendor|provider|supplier|agency|consultant|"
             "evaluating|comparing|pitched|options|incumbent"},
    CueEntry{"competitor", 1, kT,
             "(other|another|different|second|cheaper|bigger|local) (vendor|"
             "vendors|provider|providers|company|companies|option|options|"
             "solution|solutions|tool|tools|platform|platforms|product|"
             "products|supplier|suppliers|firm|firms|agency|offer|offers|"
             "quote|quotes|partner|service|services|software|system|"
             "systems|brand|brands)"},
    CueEntry{"competitor", 1, kT, "(someone|somebody|something) else"},
    CueEntry{"competitor", 1, kT,
             "(shopping around|looking around|offer from|quote from|"
             "proposal from|going with|gone with|went with|signed with|"
             "big names|big players|bigger players|other guys|industry "
             "leader|market leader|same thing|same features|same price|"
             "for free|free version|free tool|over you|with them)"},
    CueEntry{"competitor", 1, kT,
             "(something|someone|a tool|a system|a solution|an app|a product|"
             "a platform|a vendor|a provider|a partner|an agency) (that|who|"
             "which)? (does|do|handles|covers|takes care of) (this|that|it|"
             "all|everything)"},
    CueEntry{"competitor", 0.75, kT,
             "(already|currently) (use|using|work with|working with|have|"
             "got|pay for|paying for|partner with)"},

    // ---- status quo: what we have is fine. ----
    CueEntry{"status_quo", 1, kT,
             "switch|switching|disrupt|disruption|disruptive|upheaval|"
             "spreadsheet|spreadsheets|excel"},
    CueEntry{"status_quo", 0.75, kT,
             "current|existing|change|changing|changes|satisfied|comfortable|"
             "content|manual|manually|familiar|tradition|routine|legacy|"
             "replace|replacing|overhaul"},
    CueEntry{"status_quo", 0.5, kT,
             "happy|works|working|always|same|old|fine|today|currently|"
             "habits|process|system"},
    CueEntry{"status_quo", 1, kL,
             "(headache|hassle|pain to switch|nightmare to switch)"},
    CueEntry{"status_quo", 1, kT,
             "(used to|stick with|sticking with|by hand|pen and paper|the "
             "way we|how we do|what we have|what we have got|what we "
             "use|what we know|in place|our own system|homegrown|home "
             "grown|does the job|gets the job done|does what we need|for "
             "years|for ages|forever|not broken|is not broke|ain't broke|"
             "rock the boat|reinvent the wheel|learn a new|start over|"
             "from scratch)"},
    CueEntry{"status_quo", 0.75, kT,
             "paper|binders|binder|whiteboard|whiteboards|notebooks|fax|"
             "clipboard|clipboards"},
    CueEntry{"status_quo", 1, kL,
             "(works|working|work|worked) (fine|well|great|okay|for us|just "
             "fine|perfectly)"},
    CueEntry{"status_quo", 1, kL,
             "(does the job|do the job|gets the job done|get the job done|"
             "does what we need|stick with|sticking with|used to the|used to "
             "our|if it is not broken|if it ain't broke|not broken|nothing is "
             "broken|rock the boat|reinvent the wheel)"},
    CueEntry{"status_quo", 1, kL,
             "(happy|satisfied|content|comfortable|fine) with (our|the|what|"
             "how|my)"},

    // ---- contract: we are tied to an agreement. ----
    CueEntry{"contract", 1, kT,
             "contract|contracts|contractual|agreement|agreements|"
             "commitment|commitments|renewal|renew|renewed|penalty|"
             "penalties|cancel|cancellation|termination|terminate|expire|"
             "expires|clause|obligation|obligated|lease|exclusivity|"
             "exclusive|binding"},
    CueEntry{"contract", 0.75, kT, "commit|signed|terms|term|deal|locked"},
    CueEntry{"contract", 1, kT,
             "(locked in|locked into|tied in|tied into|tied up|tied to|"
             "bound by|stuck with|stuck in|under contract|months left|years "
             "left|month to month|multi year|auto renew|auto renewal|"
             "early exit|get out of|break the|breaking our|buy out)"},
    CueEntry{"contract", 1, kT,
             "(one|two|three|five|multi|several) (year|years) (deal|plan|"
             "contract|commitment|term|agreement)"},
    CueEntry{"contract", 1, kT,
             "(sign|commit|commit to|lock in|tie ourselves) (anything|up|for|"
             "to)? (longer|more) than (a|one|two|three|six|twelve) (year|"
             "years|months)"},
    CueEntry{"contract", 1, kT,
             "(sign|signing|commit|committing|lock|locking|tie) (up|in|"
             "ourselves|us)? (for|to) (a|one|two|three|five|multiple|"
             "several|many) (year|years)"},
    CueEntry{"contract", 1, kL, "(deal breaker|dealbreaker|non starter)"},

    // ---- timing: not now. ----
    CueEntry{"timing", 1, kT,
             "timing|later|wait|waiting|holidays|holiday|priority|"
             "priorities|revisit|postpone|postponed|roadmap|timeline|"
             "january|february|march|april|june|july|august|september|"
             "october|november|december|spring|summer|autumn|winter|"
             "reorganization|reorg|restructuring|merger|acquisition|"
             "busy|launch"},
    CueEntry{"timing", 0.75, kT,
             "quarter|moment|ready|soon|season|weeks|months|year|bandwidth|"
             "plate|deadline|month|calm|settle"},
    CueEntry{"timing", 0.5, kT, "time|now|today|yet|week|currently"},
    CueEntry{"timing", 1, kL,
             "(later|revisit|postpone|postponed|hold off|holding off|back "
             "burner|down the road|down the line|bad timing|wrong time|bad "
             "time)"},
    CueEntry{"timing", 1, kL,
             "(after|past) the (holidays|new year|summer|launch|merger|busy "
             "season|audit|quarter)"},
    CueEntry{"timing", 1, kL,
             "(call|reach|get|ping|circle|touch|check) (me|us)? (back|again) "
             "(out)? (in|after|next|later|around|when)"},
    CueEntry{
        "timing", 1, kL,
        "(hectic|slammed|swamped|overloaded|crazy busy|too busy|snowed under)"},
    CueEntry{"timing", 1, kT,
             "(next|the new) (week|month|quarter|year|fiscal year|spring|"
             "summer|fall|autumn|winter|season)"},
    CueEntry{"timing", 0.5, kT,
             "this (week|month|quarter|year|spring|summer|fall|autumn|winter|"
             "season)"},
    CueEntry{"timing", 1, kT,
             "(in|after|for) (a|a few|a couple|a couple of|two|three|six|"
             "several|some) (weeks|months|days|quarters)"},
    CueEntry{"timing", 1, kT,
             "(call|reach|get|ping|circle|touch|check|follow) (me|us)? "
             "(back|again|base|up)"},
    CueEntry{"timing", 1, kT,
             "(think|sleep|mull) (it|this|on it)? (over|about it|on it)"},
    CueEntry{"timing", 1, kT,
             "(not now|down the road|down the line|hold off|on hold|back "
             "burner|in the middle of|end of the year|new year|fall)"},
    // "Right now" and "at the moment" mostly qualify another objection ("no
    // budget at the moment"), so they only support timing.
    CueEntry{"timing", 0.5, kT,
             "(right now|at the moment|at this time|this time|for now|not "
             "yet)"},
    CueEntry{"timing", 1, kT,
             "(no|not have|do not have|not got|have not got|lack the|can not "
             "find the) (the|any|enough|much)? (time|bandwidth|capacity)"},

    // ---- authority: someone else decides. ----
    CueEntry{"authority", 1, kT,
             "boss|bosses|director|approval|approve|approves|authority|ceo|"
             "cfo|cto|coo|vp|president|owner|owners|board|committee|"
             "procurement|purchasing|headquarters|corporate|superior|"
             "supervisor|stakeholders|signatory|executive|executives|"
             "leadership|management|chairman"},
    CueEntry{"authority", 0.75, kT,
             "partner|partners|manager|managers|decide|decision|"
             "decisions|legal|wife|husband|founder|head|superiors|"
             "lawyer|lawyers|accountant|family"},
    CueEntry{"authority", 1, kT,
             "(sign off|signs off|sign on|go ahead|green light|higher up|"
             "higher ups|above me|buy in|up to me|up to him|up to her|up to "
             "them|my call|not my call|my decision|head office|loop in|"
             "the others)"},
    CueEntry{"authority", 0.5, kT, "(the team|my team|our team)"},
    CueEntry{"authority", 1, kT,
             "(run|bring|take|talk|discuss|check|clear|go over|share) (it|"
             "this|that)? (up|over)? (by|past|with|to|through) (my|our|"
             "the)"},
    CueEntry{"authority", 1, kL,
             "(decision|decisions|call|approval|sign off|budget) (sits|is|"
             "lies|rests|comes|has to come|would come|needs to come|would "
             "have to come|is made) (with|from|by|at|above)"},
    CueEntry{"authority", 1, kT,
             "(the one|the person|the guy|the people) (who|that) *2 (makes|"
             "make|decides|decide|signs|sign|approves|calls)"},

    // ---- need: we have no problem to solve. ----
    CueEntry{"need", 1, kT,
             "benefit|benefits|worthwhile|necessary|necessity|relevant|"
             "applicable|useless|pointless|unnecessary|purpose"},
    CueEntry{"need", 0.75, kT,
             "need|useful|solve|value|fit|applies|apply|requirement|point|"
             "ourselves|small|fancy|features|demand|asked"},
    CueEntry{"need", 0.5, kT, "use|help|problem|difference|business"},
    CueEntry{"need", 1, kL, "(overkill|nice to have|more than we need)"},
    CueEntry{"need", 1, kT,
             "(do not|does not|not|never|no|hardly|barely) (really|even|"
             "actually)? (need|needs|use|want|require)"},
    CueEntry{"need", 0.75, kT,
             "(do not|does not|not|can not|fail to) (really)? see (the|any|a|"
             "much|how|why|what|where|it)"},
    CueEntry{"need", 1, kT,
             "(get by|on our own|in house|our business|our size|a company our "
             "size|for a team|what problem|what would this|what does this|the "
             "value|the point|the benefit|the need)"},
    CueEntry{"need", 0.5, kT,
             "(for us|anything like this|something like this)"},
    CueEntry{"need", 1, kT, "(bells and whistles|all the extras)"},

    // ---- trust: we doubt you. ----
    CueEntry{"trust", 1, kT,
             "trust|reviews|reputation|references|reference|guarantee|"
             "guarantees|proof|prove|credibility|credible|legit|legitimate|"
             "testimonials|claims|startup|unproven|promises|promise|scam|"
             "skeptical|sceptical|wary|believe|track"},
    CueEntry{"trust", 0.75, kT,
             "risk|risky|experience|experiences|results|nervous|customers|"
             "clients|established|inflated|exaggerated|stable|stability|"
             "funding|investors|around|liability"},
    CueEntry{"trust", 1, kL,
             "burned|burnt|ripped|overpromised|shady|sketchy|gimmick"},
    CueEntry{"trust", 1, kT,
             "(heard of|too good to be true|go under|goes under|out of "
             "business|new company|small company|young company|case study|"
             "case studies|track record|bad experience|bad experiences|"
             "been there before|last time|in our industry|like us|our size|"
             "sales pitch|how long have you|how long you|still be around)"},

    // ---- technical: will it fit our systems. ----
    CueEntry{"technical", 1, kT,
             "integrate|integration|integrations|technical|compatible|"
             "compatibility|install|installation|implementation|implement|"
             "migrate|migration|migrating|api|apis|sso|premise|premises|"
             "prem|firewall|encryption|gdpr|hipaa|compliance|compliant|"
             "infrastructure|database|servers|server|erp|plugin|"
             "customization|configure|configuration|bugs|buggy|glitchy|"
             "downtime|outage|outages|uptime|latency|android|ios|linux|"
             "windows|mac|offline|scalability|interoperability"},
    CueEntry{"technical", 0.75, kT,
             "setup|security|secure|cloud|data|software|systems|sync|"
             "connect|training|train|learn|learning|developers|engineers|"
             "engineering|rollout|deploy|deployment|records|network|"
             "onboarding|mobile|browser|tech|stack|support|scale|"
             "reliability|reliable|feature|platform|crm"},
    CueEntry{"technical", 0.5, kT, "system|tool|tools|app|work|handle|staff"},
    CueEntry{"technical", 1, kT,
             "(missing|lacks|lacking|without|does not have|do not have|not "
             "have|does not do|does not support|no) (a|the|some|any|that)? "
             "(feature|features|functionality|capability|capabilities|"
             "integration|integrations|option|options|reporting|api)"},
    CueEntry{"technical", 1, kT,
             "(talk|connect|sync|integrate|work|communicate) (to|with) (your|"
             "our|the|their) (software|system|systems|platform|tool|tools|"
             "app|api|database|devices|hardware|equipment)"},
    CueEntry{"technical", 1, kL, "complicated|complex|clunky|nightmare"},
    CueEntry{"technical", 1, kT,
             "(learning curve|set up|roll out|rolling out|it team|it "
             "department|it people|it guys|single sign on|third party|on "
             "premise|on premises|our it|tech stack|work with our|talk to "
             "our|play nice|hook into|plug into)"},
    CueEntry{"technical", 0.75, kL,
             "(does|will|can|would|is) (it|this|that|your software|your "
             "product|your system|your tool|your platform|your app) *1 "
             "(work|connect|integrate|sync|talk|run|handle|support|play|"
             "compatible)"},

    // ---- brush-off: end the conversation. ----
    CueEntry{"brush_off", 1, kT,
             "interested|brochure|brochures|literature|materials|website|"
             "solicitation|solicit|telemarketing|telemarketer|spam"},
    CueEntry{"brush_off", 0.75, kT,
             "email|information|info|pitch|calling|calls|remove|list|"
             "number|details|writing|stop|mail"},
    CueEntry{"brush_off", 1, kT,
             "(send|email|mail|drop) (me|us|something|over|some|your)"},
    CueEntry{"brush_off", 1, kL,
             "(just|please|can you just|why do not you) (send|email|mail|"
             "drop)"},
    CueEntry{"brush_off", 1, kL,
             "(remove me|remove us|take me off|take us off|stop calling|do "
             "not call|calling list|call list|no thanks|no thank you|not "
             "interested|in writing|who gave you|get this number|got this "
             "number|these calls|leave your details|leave your number)"},
    CueEntry{"brush_off", 1, kT,
             "(in writing|no thanks|no thank you|not looking|all set|we are "
             "good|we are fine|we are set|we are okay|hang up|get back to "
             "you|leave your|leave a|call list|calling list|do not call|"
             "this number|my number|cold call|sales call|another call|these "
             "calls|who gave you|take me off|stop calling|not buying|not "
             "right now|walk into a meeting|in a meeting|about to|got to "
             "go|gotta go|have to go|on my way)"},
};

}  // namespace

std::span<const CueEntry> BuiltinCueLexicon() { return kLexicon; }

}  // namespace sc::analysis
