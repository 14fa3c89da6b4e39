// The built-in phrase inventory, part two: timing, authority, need, trust,
// technical and brush_off (part one is objection_inventory_commercial.cc).
// Written from common sales-objection
// knowledge (how buyers phrase pushback on calls), not from any evaluation
// set. Patterns use the language of objection_pattern.h on normalized
// words: contractions are already expanded ("do not", "can not", "it is").
#include "analysis/objection_inventory.h"

#include <array>
#include <vector>

namespace sc::analysis {
namespace {

constexpr std::array kInventory = {
    // ---- timing: not now. ----
    InventoryEntry{"timing", 0.95,
                   "not (a good|the right|a great|the best|an ideal|a "
                   "convenient|good) time",
                   "not a good time"},
    InventoryEntry{"timing", 0.85,
                   "(bad|busy|wrong|terrible|crazy|hectic|tough) time", ""},
    InventoryEntry{"timing", 0.9,
                   "timing (is|is just|is really|is honestly)? (not great|"
                   "not good|not right|not ideal|not the best|bad|off|wrong|"
                   "tough|terrible)",
                   "the timing is not right"},
    InventoryEntry{"timing", 0.95,
                   "(need|needs|want|have|take|get) (some|a little|a bit|"
                   "a bit of|a little more|a bit more)? more time",
                   "need more time"},
    InventoryEntry{"timing", 0.85,
                   "(need|want|have) (some|a little|a bit of)? time to (think|"
                   "decide|consider|review|look|digest|discuss|mull|sleep)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "(let me|i will|i need to|we need to|have to|want to|need "
                   "to) think (about it|it over|about this|this over|on it)",
                   "think about it"},
    InventoryEntry{"timing", 0.9,
                   "(call|contact|reach out to|try|get back to|check back "
                   "with|circle back with|ping) (me|us) *2 (next|in a|in|after|"
                   "later|end of the) *1 (quarter|month|year|week|weeks|months|"
                   "spring|summer|fall|autumn|winter)",
                   "call me next quarter"},
    InventoryEntry{"timing", 0.85,
                   "(call|try) (me|us)? back (later|another time|some other "
                   "time|next)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "(revisit|circle back|reconnect|touch base|talk again) "
                   "(this|again)? (in|after|next|later|once|when)",
                   ""},
    InventoryEntry{"timing", 0.8,
                   "(maybe|perhaps|try|wait until|wait till|wait for) "
                   "(next|the next|the new|after the) (quarter|year|fiscal "
                   "year|budget|month)",
                   ""},
    InventoryEntry{"timing", 0.85, "(too|really|very|super|so|crazy) busy",
                   "too busy"},
    InventoryEntry{"timing", 0.8,
                   "(middle|midst) of (a|an|our|the)? *2 (project|rollout|"
                   "migration|implementation|reorganization|reorg|move|audit|"
                   "planning|launch|merger|season|quarter)",
                   ""},
    InventoryEntry{"timing", 0.85, "(other|bigger|different) priorities", ""},
    InventoryEntry{"timing", 0.9,
                   "not a priority (right now|at the moment|this quarter|"
                   "this year|now)?",
                   ""},
    InventoryEntry{"timing", 0.8,
                   "(have to|need to|got to) (go|run|hop off|jump off|head "
                   "out|get going) (now|right now|in a minute|soon|sorry)",
                   ""},
    InventoryEntry{"timing", 0.8,
                   "(have to|need to|got to) (hop off|jump off|head out|get "
                   "going)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "(need to|have to|want to|going to|will|would) wait (for|"
                   "until|till)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "(do not|does not) have (the|any|enough)? (time|bandwidth|"
                   "capacity)",
                   "don't have time"},
    InventoryEntry{"timing", 0.85,
                   "no (time|bandwidth|capacity) (for|to|right now|at the "
                   "moment|this)",
                   ""},
    InventoryEntry{"timing", 0.8,
                   "(i am|we are) (really|so|very|pretty)? (busy|swamped|"
                   "slammed)",
                   ""},
    InventoryEntry{"timing", 0.75,
                   "maybe (later|some other time|another time|down the road|"
                   "next year|next quarter|next month)",
                   "maybe later"},
    InventoryEntry{"timing", 0.85,
                   "(about to|have to|need to|got to) (jump|hop|head|go|run) "
                   "(into|in|to|off to) *2 (meeting|call)",
                   ""},
    InventoryEntry{"timing", 0.8, "not right now", "not right now"},
    InventoryEntry{"timing", 0.85,
                   "not ready (yet|to decide|to commit|to buy|to move|to sign|"
                   "to make a decision)?",
                   ""},
    InventoryEntry{"timing", 0.75, "(down the road|later this year)", ""},
    InventoryEntry{"timing", 0.8,
                   "(things are|we are|everything is) (really|so|very|pretty|"
                   "super|a bit|just)? (hectic|chaotic|swamped)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "(reach out|check back|follow up|talk|get in touch|try us) "
                   "(again|later)? (in|after|next|once|when) *2 (quarter|"
                   "month|year|week|weeks|months|season|over|done|finished|"
                   "settles)",
                   ""},
    InventoryEntry{"timing", 0.9,
                   "not (a good|the right|a great|the best|an ideal) "
                   "(moment|timing|season|period)",
                   ""},
    InventoryEntry{"timing", 0.8, "(busy|peak|hectic) season", ""},
    InventoryEntry{"timing", 0.85,
                   "(mull|chew|sleep) (it|this|that|things) over", ""},
    InventoryEntry{"timing", 0.85,
                   "give (me|us) (a|some|a few|a couple of|one|two)? "
                   "(day|days|week|weeks|month|months) *3 to "
                   "(think|digest|decide|consider|review|mull|process|discuss)",
                   ""},
    InventoryEntry{
        "timing", 0.85,
        "(going through|in the middle of|right in the middle of) (a|an)? "
        "(merger|acquisition|reorganization|reorg|restructuring|restructure|"
        "leadership change)",
        ""},
    InventoryEntry{"timing", 0.8,
                   "(just|recently) (been|got)? (acquired|bought "
                   "out|merged|restructured|reorganized)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "(everything|all|it|this|anything new|purchasing|spending) "
                   "is (on hold|frozen|paused)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "nothing new is (getting|being|going to be) "
                   "(started|approved|signed|bought|launched)",
                   ""},
    InventoryEntry{"timing", 0.85,
                   "not (high|very high|that high|near the top) on "
                   "(our|my|the) (list|priority list|agenda|radar)",
                   ""},
    InventoryEntry{"timing", 0.8,
                   "(dozen|lot of|bunch of|several|many|few) other "
                   "(projects|priorities|initiatives) (already)? (in "
                   "flight|ahead|going on|on our plate|first|in the queue)",
                   ""},
    InventoryEntry{"timing", 0.8,
                   "(so much|too much|a lot|everything) else going on", ""},
    // ---- authority: someone else decides. ----
    InventoryEntry{"authority", 0.95,
                   "(check|talk|speak|consult|confer|discuss this|discuss "
                   "it) (with|to) (my|our|the)? (boss|manager|director|"
                   "supervisor|ceo|cfo|vp|board|partner|partners|owner|"
                   "president|team|committee|legal|procurement|finance|wife|"
                   "husband|head)",
                   "check with my boss"},
    InventoryEntry{"authority", 0.85,
                   "(check|talk|speak|consult|confer) (with|to) (my|our|the) +",
                   ""},
    InventoryEntry{"authority", 0.9,
                   "run (it|this|that)? (by|past) (my|our|the|him|her|them)",
                   "run it by my boss"},
    InventoryEntry{"authority", 0.95,
                   "not (my|only my|entirely my|just my|up to) (decision|call|"
                   "me)",
                   "not my decision"},
    InventoryEntry{"authority", 0.9,
                   "(do not|can not) (make|sign|approve) (that|this|the|a)? "
                   "(decision|call|off|purchase|contract)",
                   ""},
    InventoryEntry{"authority", 0.85, "(can|could) recommend (it)? but", ""},
    InventoryEntry{"authority", 0.85,
                   "(signs|sign|signing|signed) off (on|the|it|on anything)",
                   "sign off"},
    InventoryEntry{"authority", 0.85,
                   "(needs|need|require|requires|get|getting) (approval|"
                   "sign off|buy in|the okay|a green light|the green light)",
                   ""},
    InventoryEntry{"authority", 0.85,
                   "(has|have|would have|would need) to go through (my|our|"
                   "the) +",
                   ""},
    InventoryEntry{"authority", 0.85,
                   "(ask|asking|check with) (my|our|the) (boss|manager|"
                   "director|partner|team|wife|husband|supervisor|ceo|cfo|"
                   "owner)",
                   ""},
    InventoryEntry{"authority", 0.8, "let me ask (her|him|them|my|our)", ""},
    InventoryEntry{"authority", 0.8,
                   "(committee|board|leadership|management|procurement|legal) "
                   "(that|who|which)? (decides|approves|evaluates|reviews|"
                   "needs|has to|will need|would need|makes)",
                   ""},
    InventoryEntry{"authority", 0.95,
                   "not the (decision maker|one who decides|person who decides|"
                   "one who signs|right person)",
                   "not the decision maker"},
    InventoryEntry{"authority", 0.75,
                   "(internal|internally) (review|approval|discussion|process|"
                   "sign off)",
                   ""},
    InventoryEntry{"authority", 0.8,
                   "(my|our) (boss|manager|director|cfo|ceo|vp|board|owner) "
                   "(needs|has|would|will|wants|decides|makes|signs|approves)",
                   ""},
    InventoryEntry{"authority", 0.75, "decision (maker|makers)", ""},
    InventoryEntry{"authority", 0.85,
                   "(go|goes|going|run|runs) through (our|the|my) (head "
                   "office|headquarters|corporate|board|boss|manager|director|"
                   "procurement|purchasing|finance|legal|committee|owner|"
                   "parent company|team|it department)",
                   ""},
    InventoryEntry{"authority", 0.8,
                   "(head office|headquarters|corporate|parent company|"
                   "purchasing department) (decides|makes|handles|approves|has "
                   "to|needs to|would have to|will have to|does)",
                   ""},
    InventoryEntry{"authority", 0.85,
                   "(get|need|needs|have) (my|our|the) +2 (approval|sign off|"
                   "blessing|okay|green light)",
                   ""},
    InventoryEntry{"authority", 0.85,
                   "(discuss|talk about|go over|review) (it|this|that)? with "
                   "(my|our|the) +",
                   ""},
    InventoryEntry{"authority", 0.9,
                   "(bring|take|present) (this|it|that) (to|before) (the|my|"
                   "our) (board|boss|manager|director|team|committee|partners|"
                   "owner|leadership|management|partner)",
                   ""},
    InventoryEntry{"authority", 0.85, "final (say|decision|word|call)", ""},
    InventoryEntry{"authority", 0.8,
                   "(get|getting) (the|my|our)? +3 (on board|onboard)", ""},
    InventoryEntry{
        "authority", 0.85,
        "(loop in|bring in|pull in|run it by|run this by|run that by) (my|our) "
        "(manager|boss|director|cfo|ceo|vp|partner|owner|board|supervisor|team "
        "lead|head)",
        ""},
    // ---- need: no problem to solve. ----
    InventoryEntry{"need", 0.9,
                   "(do not|does not) (really)? need (it|this|that|one|"
                   "anything|any|a|another|more|something|the|your)",
                   "we don't need"},
    InventoryEntry{
        "need", 0.95,
        "(do not|does not) (really)? have (that|this|this kind of|that "
        "kind "
        "of|that sort of|any) (problem|issue|pain|challenge|need)",
        ""},
    InventoryEntry{"need", 0.9, "no (need|use) for (it|this|that|one)", ""},
    InventoryEntry{"need", 0.85,
                   "(do not|can not) see (how|why|the need|a need|the point|"
                   "the use) *2 (this|it|that)?",
                   ""},
    InventoryEntry{"need", 0.85, "(nice to have|not a must have)", ""},
    InventoryEntry{"need", 0.85,
                   "not sure (we|our team|they|anyone|people|i) (would|will) "
                   "(use|need)",
                   ""},
    InventoryEntry{"need", 0.9, "not (relevant|applicable) (to|for) (us|our)",
                   ""},
    InventoryEntry{"need", 0.8,
                   "(doing|do|managing) (just|perfectly)? (fine|okay|well|"
                   "alright) (without|on our own|as is)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "(we|our) (industry|business|company|situation|case) is "
                   "(different|unique)",
                   ""},
    InventoryEntry{"need", 0.8,
                   "(handle|manage|do) (it|that|this) (ourselves|in house|"
                   "internally|manually)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "already have (a|an|something|our own) (solution|tool|"
                   "system|way|process) (for|to handle|that does) (this|that|"
                   "it)",
                   ""},
    InventoryEntry{"need", 0.9,
                   "(fine|okay|good|all right) with what (we|i) (have|got)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "not (sure|convinced)? (it is|this is|that is|you are)? "
                   "(the right|a good|a) fit",
                   ""},
    InventoryEntry{"need", 0.9,
                   "(do not|not) (think|believe|feel|sure) (that)? (we|i|you) "
                   "(really|actually|even|would)? need",
                   ""},
    InventoryEntry{"need", 0.85,
                   "not sure (this|it|that|you) (solves|fixes|addresses|helps|"
                   "would help|will help|applies|is relevant|makes sense)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "(handle|handles|cover|covers|manage|manages|do|does) (that|"
                   "it|this|everything|things)? (well|good|fine) enough",
                   ""},
    InventoryEntry{"need", 0.85, "overkill", "overkill"},
    InventoryEntry{"need", 0.8, "more than (we|i) (need|needed|will need)", ""},
    InventoryEntry{"need", 0.85,
                   "not (really|actually)? (a|an)? (pain point|big pain|real "
                   "pain|need) (for us|we have|here|right now)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "not something (we|i|they|our team) (would|will|need|want|"
                   "really|actually) (really|actually)? (use|need|want)",
                   ""},
    InventoryEntry{"need", 0.8, "get by (just)? (fine|okay|well)?", ""},
    InventoryEntry{"need", 0.75,
                   "(do|doing|handle|handling) (it|that|this|everything) (by "
                   "hand|manually|ourselves)",
                   ""},
    InventoryEntry{"need", 0.8,
                   "(nobody|no one) (here|on my team|on our team|in our "
                   "company)? (has asked|is asking|asked|wants|needs|has "
                   "needed)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "(do not|can not) (really)? (see|understand) why (we|i) "
                   "(would|will)? need",
                   ""},
    InventoryEntry{"need", 0.9, "(enough|much|any) use out of", ""},
    InventoryEntry{"need", 0.85,
                   "too small (for this|for that|for something like this|for a "
                   "tool like|for a product like|to need|to justify)",
                   ""},
    InventoryEntry{"need", 0.85,
                   "(built|made|designed|meant|aimed) for (much)? "
                   "(bigger|larger|big|large|enterprise) "
                   "(companies|businesses|teams|organizations|firms|shops)?",
                   ""},
    InventoryEntry{"need", 0.85,
                   "more *3 than (we|i) (need|require|will ever use|would ever "
                   "use|could use)",
                   ""},
    // ---- trust: doubts about the seller. ----
    InventoryEntry{"trust", 0.95,
                   "(never|not|have not) heard (of|about) (you|your|this)",
                   "never heard of you"},
    InventoryEntry{"trust", 0.9,
                   "(how long|how many years) have you (been|guys been) "
                   "(in business|around)",
                   ""},
    InventoryEntry{"trust", 0.95,
                   "(what if|what happens if) (you|your company|you guys) "
                   "(go|goes|went) (out of business|under|bust|away)",
                   ""},
    InventoryEntry{"trust", 0.8, "(too|very|pretty) (small|new|young) (for|to)",
                   ""},
    InventoryEntry{"trust", 0.9, "(burned|burnt) (by|before)", ""},
    InventoryEntry{"trust", 0.85,
                   "what if (it|this|that) (does not|do not|will not|fails "
                   "to) work",
                   ""},
    InventoryEntry{"trust", 0.8,
                   "(do not|never) know (you|your company|anything about you|"
                   "much about you)",
                   ""},
    InventoryEntry{"trust", 0.75, "(too|sounds|seems|very|pretty) risky", ""},
    InventoryEntry{"trust", 0.9, "(do not|can not|hard to) trust", ""},
    InventoryEntry{"trust", 0.95, "too good to be true", "too good to be true"},
    InventoryEntry{"trust", 0.85,
                   "(skeptical|sceptical|not convinced|doubtful)", ""},
    InventoryEntry{"trust", 0.8,
                   "(show|prove) (me|us|it)? (the|real|some|hard)? (numbers|"
                   "results|proof|data|roi)",
                   ""},
    InventoryEntry{"trust", 0.85,
                   "(do|can) you have (any)? (references|customers|case "
                   "studies|proof|clients)",
                   ""},
    InventoryEntry{"trust", 0.85,
                   "(can|could) you (really)? (handle|support|scale|deal with) "
                   "(our|a company|companies|us)",
                   ""},
    InventoryEntry{"trust", 0.8,
                   "(security|compliance) (certification|certifications|"
                   "certified|audit|concerns)",
                   ""},
    InventoryEntry{"trust", 0.9,
                   "(bad|mixed|negative|poor|terrible|some bad) (things|"
                   "reviews|feedback|reputation|stories|experiences)",
                   ""},
    InventoryEntry{"trust", 0.85,
                   "how (do|can|would) (i|we) know (this|it|that|you|your) "
                   "*2 (will|would|can|really|actually|works|deliver)",
                   ""},
    InventoryEntry{"trust", 0.85, "(been|were|was|got) promised", ""},
    InventoryEntry{"trust", 0.75,
                   "never (worked out|delivered|lived up|panned out)", ""},
    InventoryEntry{"trust", 0.85, "(still|even) be around", ""},
    InventoryEntry{"trust", 0.8,
                   "(company|vendor|firm|provider) (your|of your) size", ""},
    InventoryEntry{"trust", 0.85, "how (can|do|would) (i|we) be sure", ""},
    InventoryEntry{"trust", 0.85,
                   "(talk to|speak with|speak to|hear from) (a few|some|any|"
                   "one)? (of)? (your)? (current|existing)? (customers|clients|"
                   "references)",
                   ""},
    InventoryEntry{"trust", 0.85,
                   "prove (to me|to us)? (it|that|this|your product|your "
                   "software) (works|will work|can work|delivers|does)",
                   ""},
    InventoryEntry{"trust", 0.8,
                   "(before|until) (i|we) (believe|trust|buy into) "
                   "(that|those|your|it|this|any|them)",
                   ""},
    InventoryEntry{"trust", 0.8,
                   "(previous|last|past|prior|bad) experience *5 "
                   "(disaster|nightmare|mess|failure|fiasco)",
                   ""},
    // ---- technical: fit with systems and implementation. ----
    InventoryEntry{"technical", 0.9,
                   "(does|do|will|would|can) (it|this|that|your product|your "
                   "system|your tool|your software|your platform|the system) "
                   "(integrate|work|connect|sync|talk|play nicely) (with|to|"
                   "into)",
                   "does it integrate"},
    InventoryEntry{"technical", 0.7,
                   "integrate|integration|integrations|compatible|"
                   "compatibility",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(how long|how much time) *3 (implementation|implement|"
                   "onboarding|rollout|roll out|migrate|migration|integrate)",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(our|the) (tech stack|stack|infrastructure|architecture|"
                   "systems|environment|setup) (is|are) *2 (complex|"
                   "complicated|old|legacy|custom|unique|different)",
                   ""},
    InventoryEntry{"technical", 0.9,
                   "(need|needs|require|requires|has to be|must be|have to "
                   "be) (on premise|on prem|on premises|self hosted|on site|"
                   "in house)",
                   ""},
    InventoryEntry{"technical", 0.8,
                   "(engineering|it|dev|development|technical|tech) (team|"
                   "department|people|folks) (would|will|need|needs|has to|"
                   "have to|must)",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(what happens to|migrate|migrating|move|moving|import|"
                   "importing) (our|the|all our|all of our)? (existing|old|"
                   "current)? data",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(last|previous) (integration|implementation|rollout|"
                   "migration) (was|went)",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(involve|loop in|bring in|check with|talk to|ask) (our|the|"
                   "my)? (engineering|it|dev|development|technical|tech|"
                   "security) (team|department|people|folks|guys)",
                   ""},
    InventoryEntry{
        "technical", 0.85,
        "too (complicated|complex|technical|difficult to use|hard to "
        "use)",
        "too complicated"},
    InventoryEntry{"technical", 0.85,
                   "(implementation|setup|set up|onboarding|migration|rollout|"
                   "integration) *3 (a lot of work|too much work|too long|"
                   "complicated|painful|hard|difficult|a nightmare|a disaster)",
                   ""},
    InventoryEntry{"technical", 0.8,
                   "(missing|lacks|lacking|does not have|do not have|does not "
                   "support|do not support) (a|the|some|any)? (feature|"
                   "features|functionality|capability|capabilities|"
                   "integration|integrations|api)",
                   ""},
    InventoryEntry{"technical", 0.75,
                   "(can|does|will) (it|this|the system|your system|your "
                   "software|your tool) (handle|support|scale|run)",
                   ""},
    InventoryEntry{"technical", 0.7,
                   "whether (we|you|it) (can|could) (run|handle|support|add|"
                   "use|connect)",
                   ""},
    InventoryEntry{"technical", 0.9,
                   "(will not|would not|does not|might not|may not|can not) "
                   "(work|integrate|connect|play) (well|nicely)? with (the|our|"
                   "my|what) (software|system|systems|tools|setup|stack|tool|"
                   "platform|existing|current|we)",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(setting|set|setup|implementation|implementing|rolling|"
                   "onboarding|migration|migrating|integrating) *6 (take|takes|"
                   "taking|would take|will take) (months|forever|ages|a long "
                   "time|too long|weeks)",
                   ""},
    InventoryEntry{"technical", 0.85,
                   "(figure out|learn|understand|know) how to use", ""},
    InventoryEntry{"technical", 0.85,
                   "(it|tech|technical|security|engineering) (team|department|"
                   "people) (is|are) (very|really|pretty|quite)? (strict|picky|"
                   "particular|careful|cautious)",
                   ""},
    InventoryEntry{
        "technical", 0.85,
        "not sure (it|this|that|your product) (would|will|can|could) "
        "(work|play|integrate|connect|fit)",
        ""},
    InventoryEntry{"technical", 0.8,
                   "(does|do|will|can) it (work|run) (offline|without|on our)",
                   ""},
    InventoryEntry{"technical", 0.8,
                   "(weeks|months) of "
                   "(training|setup|onboarding|implementation|configuration|"
                   "integration work)",
                   ""},
    InventoryEntry{
        "technical", 0.8,
        "(six month|twelve month|long|lengthy|year long|months long|multi "
        "month|drawn out) "
        "(rollout|implementation|migration|deployment|onboarding|setup)",
        ""},
    InventoryEntry{"technical", 0.75, "(months|weeks) of setup", ""},
    // ---- brush_off: ending the conversation without engaging. ----
    InventoryEntry{"brush_off", 0.9,
                   "(send|email|mail) (me|us|over)? (some|the|more|a)? "
                   "(information|info|details|brochure|literature|material|"
                   "materials|overview)",
                   "send me some information"},
    InventoryEntry{"brush_off", 0.8,
                   "(send|put) (it|something|that|me something) (over)? (in|"
                   "by|via)? (an|a)? email",
                   ""},
    InventoryEntry{"brush_off", 0.95,
                   "not (really|that|very|at all)? interested",
                   "not interested"},
    InventoryEntry{"brush_off", 0.85,
                   "(no thanks|no thank you|not for us|we will pass|i will "
                   "pass|pass on this|pass on that)",
                   "not for us"},
    InventoryEntry{"brush_off", 0.95,
                   "(take|put) (me|us|my number) (off|on) (your|the) (list|"
                   "call list|do not call list)",
                   ""},
    InventoryEntry{"brush_off", 0.95,
                   "(do not|stop) (call|calling) (me|us|here|again)", ""},
    InventoryEntry{"brush_off", 0.9,
                   "(how|where) did you get (my|this) (number|name|details)",
                   ""},
    InventoryEntry{"brush_off", 0.85,
                   "not (looking|in the market|buying|shopping) (for|right|at)",
                   ""},
    InventoryEntry{"brush_off", 0.8, "(we are|i am) all set", ""},
    InventoryEntry{"brush_off", 0.85,
                   "(information|info|details|brochure|something) (by|via|in|"
                   "over|through) (an)? (email|mail|e mail)",
                   ""},
    InventoryEntry{"brush_off", 0.85,
                   "(thanks|thank you) (but|though)? (we are|i am) (good|fine|"
                   "all set|okay)",
                   ""},
    InventoryEntry{"brush_off", 0.95,
                   "(do not|never) (take|accept|do) (sales|cold|these) calls",
                   ""},
    InventoryEntry{"brush_off", 0.85,
                   "(just)? email me (something|some|the|a|more|details)?", ""},
};

}  // namespace

std::span<const InventoryEntry> BuiltinObjectionInventory() {
  static const std::vector<InventoryEntry>* all = [] {
    auto* v = new std::vector<InventoryEntry>();  // Never destroyed.
    std::span<const InventoryEntry> commercial = CommercialObjectionInventory();
    v->assign(commercial.begin(), commercial.end());
    v->insert(v->end(), kInventory.begin(), kInventory.end());
    return v;
  }();
  return *all;
}

}  // namespace sc::analysis
