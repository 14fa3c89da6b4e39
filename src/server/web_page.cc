#include "server/web_page.h"

namespace sc::server {

// Every value from an event is put on the page with textContent or as an
// attribute, never as HTML: transcripts and card texts are untrusted.
std::string_view LivePageHtml() {
  static constexpr std::string_view kPage = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Sales Copilot - live calls</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>
 body{font-family:system-ui,sans-serif;margin:0;display:flex;height:100vh;color:#222}
 #calls{width:260px;border-right:1px solid #ddd;overflow:auto;padding:8px}
 #calls div{padding:6px;cursor:pointer;border-radius:4px;font-size:13px}
 #calls div:hover,#calls div.sel{background:#eef}
 #main{flex:1;display:flex;flex-direction:column;min-width:0}
 header{padding:10px 16px;border-bottom:1px solid #ddd;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
 #ratio{display:flex;width:200px;height:14px;border-radius:7px;overflow:hidden;background:#eee}
 #ratio .a{background:#2e9d4e}#ratio .p{background:#2f6fd6}
 #body{flex:1;display:flex;min-height:0}
 #transcript{flex:1;overflow:auto;padding:16px}
 #side{width:340px;border-left:1px solid #ddd;overflow:auto;padding:8px 12px;background:#fafafa}
 .u{margin:6px 0;padding:6px 10px;border-radius:8px;max-width:70%}
 .agent{background:#e3f6e8;border-left:4px solid #2e9d4e}
 .prospect{background:#e4ecfb;border-left:4px solid #2f6fd6;margin-left:auto}
 .partial{opacity:.6;font-style:italic}
 .meta{font-size:11px;color:#666}
 .mood{display:inline-block;width:8px;height:8px;border-radius:4px;margin-left:6px;background:#bbb}
 .mood.positive{background:#2e9d4e}.mood.negative{background:#c33}
 .alert{color:#a33;font-size:12px}
 .obj{font-size:12px;color:#7a4b00;margin:2px 0 8px auto;max-width:70%;text-align:right}
 .card{background:#fff;border:1px solid #ccd;border-left:4px solid #e6a100;border-radius:6px;padding:8px 10px;margin:8px 0}
 .card.kind-sentiment{border-left-color:#c33}.card.kind-talk_ratio{border-left-color:#2f6fd6}
 .card.kind-checklist{border-left-color:#777}
 .card h3{font-size:14px;margin:0 0 4px}
 .card p{font-size:13px;margin:0 0 6px}
 .card .why{font-size:11px;color:#666}
 .card button{font-size:12px;margin:4px 4px 0 0}
 .card.used{border-left-color:#2e9d4e;opacity:.75}
 .card.dismissed{opacity:.45}
 .card.replaced{display:none}
 .card .status{font-size:11px;color:#555;margin-left:4px}
 .card .status.error{color:#a33}
</style></head><body>
<div id="calls"><b>Calls</b></div>
<div id="main">
 <header><span id="title">Choose a call</span><span id="state"></span>
  <span>Talk <span id="ratiotext">-</span></span><div id="ratio"><div class="a"></div><div class="p"></div></div>
  <span>Prospect mood <span id="mood">-</span></span></header>
 <div id="body">
  <div id="transcript"></div>
  <div id="side"><b>Guidance</b><div id="cards"></div></div>
 </div>
</div>
<script>
let ws=null, current=null;
const el=id=>document.getElementById(id);
function fmt(ms){const s=Math.floor(ms/1000);return Math.floor(s/60)+':'+String(s%60).padStart(2,'0');}
function node(tag,cls,text){const n=document.createElement(tag);if(cls)n.className=cls;if(text!==undefined)n.textContent=text;return n;}
async function loadCalls(){
  const r=await fetch('/api/calls?limit=50');const j=await r.json();
  const box=el('calls');box.replaceChildren(node('b','','Calls'));
  for(const c of j.calls){const d=node('div',c.call_sid===current?'sel':'',
      (c.state==='active'?'\u25cf ':'')+c.call_sid.slice(0,14)+'  '+c.state);
    d.dataset.sid=c.call_sid;d.onclick=()=>watch(c.call_sid);box.appendChild(d);}
  const follow=new URLSearchParams(location.search).get('follow');
  if(!current&&follow&&j.calls.length)watch(j.calls[0].call_sid);
}
function bubble(id){let b=document.getElementById('u-'+id);
  if(!b){b=node('div');b.id='u-'+id;el('transcript').appendChild(b);}return b;}
function cardPath(id,what){return '/api/calls/'+encodeURIComponent(current)+'/cards/'+encodeURIComponent(id)+'/'+what;}
function setStatus(c,text,error){const s=c.querySelector('.status');s.textContent=text;s.className='status'+(error?' error':'');}
async function errorText(r){try{const j=await r.json();return (j.error&&j.error.message)||r.status;}catch(e){return r.status;}}
function markFeedback(c,action){
  c.classList.remove('used','dismissed');c.classList.add(action);c.dataset.feedback=action;
  for(const b of c.querySelectorAll('button.fb'))b.disabled=true;setStatus(c,action,false);
}
async function feedback(c,action){
  setStatus(c,'saving...',false);
  const r=await fetch(cardPath(c.dataset.cardId,'feedback'),{method:'POST',headers:{'Content-Type':'application/json'},
    body:JSON.stringify({action:action,category:c.dataset.category,kind:c.dataset.approach,at_ms:Number(c.dataset.atMs)})});
  if(r.ok)markFeedback(c,action);else setStatus(c,'not saved: '+await errorText(r),true);
}
async function alternative(c){
  setStatus(c,'asking...',false);
  const r=await fetch(cardPath(c.dataset.cardId,'alternative'),{method:'POST'});
  if(r.ok){card(await r.json(),Number(c.dataset.atMs));}else setStatus(c,'no alternative: '+await errorText(r),true);
}
function hear(c){
  let a=c.querySelector('audio');
  if(!a){a=node('audio');a.src=cardPath(c.dataset.cardId,'speech');c.appendChild(a);}
  a.play().catch(e=>setStatus(c,'cannot play: '+e.message,true));
}
function card(d,at_ms){
  if(document.getElementById('card-'+d.card_id))return;
  const c=node('div','card kind-'+d.kind);c.id='card-'+d.card_id;
  Object.assign(c.dataset,{cardId:d.card_id,category:d.category,approach:d.approach,atMs:String(at_ms||0)});
  c.append(node('h3','',d.title),node('p','',d.text),node('div','why',fmt(at_ms||0)+' \u00b7 '+d.reason));
  const buttons=[['Used',()=>feedback(c,'used'),'fb used'],['Dismiss',()=>feedback(c,'dismissed'),'fb dismiss']];
  if(d.has_alternative)buttons.push(['Another approach',()=>alternative(c),'alt']);
  buttons.push(['Hear',()=>hear(c),'hear']);
  for(const [label,fn,cls] of buttons){const b=node('button',cls,label);b.onclick=fn;c.appendChild(b);}
  c.appendChild(node('span','status',''));
  if(d.alternative_of){const old=document.getElementById('card-'+d.alternative_of);if(old)old.classList.add('replaced');}
  el('cards').prepend(c);
}
function show(ev){
  const d=ev.data;
  if(ev.type==='transcript.partial'||ev.type==='transcript.final'){
    const b=bubble(d.utterance_id);b.className='u '+d.speaker+(ev.type==='transcript.partial'?' partial':'');
    const meta=node('div','meta',d.speaker+' '+fmt(d.start_ms));
    if(d.sentiment){const m=node('span','mood '+d.sentiment.label);m.title='sentiment '+d.sentiment.score.toFixed(2);meta.appendChild(m);}
    b.replaceChildren(meta,document.createTextNode(d.text));
    el('transcript').scrollTop=1e9;
  }else if(ev.type==='objection'){
    const o=node('div','obj','\u2691 '+d.category+' '+Math.round(d.confidence*100)+'%'+(d.suggestion?' \u2014 '+d.suggestion:''));
    o.dataset.category=d.category;const b=document.getElementById('u-'+d.utterance_id);
    if(b)b.after(o);else el('transcript').appendChild(o);
  }else if(ev.type==='guidance.card'){card(d,ev.at_ms);
  }else if(ev.type==='guidance.feedback'){const c=document.getElementById('card-'+d.card_id);if(c)markFeedback(c,d.action);
  }else if(ev.type==='metrics'){
    const a=Math.round(d.talk_ratio.agent*100),p=100-a;
    el('ratiotext').textContent=a+'% / '+p+'%';
    document.querySelector('#ratio .a').style.width=a+'%';document.querySelector('#ratio .p').style.width=p+'%';
    if(d.sentiment_trend)el('mood').textContent=(d.sentiment_trend.prospect>=0?'+':'')+d.sentiment_trend.prospect.toFixed(2);
  }else if(ev.type==='alert'){el('transcript').appendChild(node('div','alert','\u26a0 '+d.message));
  }else if(ev.type==='call.started'){el('state').textContent='live';}
  else if(ev.type==='call.ended'){el('state').textContent='ended ('+d.reason+', '+fmt(d.duration_ms)+')';loadCalls();}
}
function watch(sid){
  current=sid;if(ws)ws.close();el('transcript').replaceChildren();el('cards').replaceChildren();
  el('title').textContent='Call '+sid;el('state').textContent='';el('mood').textContent='-';loadCalls();
  ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/api/live?call_sid='+encodeURIComponent(sid));
  ws.onmessage=m=>show(JSON.parse(m.data));
}
loadCalls();setInterval(()=>{if(!current)loadCalls();},2000);
</script></body></html>
)HTML";
  return kPage;
}

}  // namespace sc::server
