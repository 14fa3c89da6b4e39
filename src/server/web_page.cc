#include "server/web_page.h"

namespace sc::server {

std::string_view LivePageHtml() {
  static constexpr std::string_view kPage = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Sales Copilot - live calls</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font-family:system-ui,sans-serif;margin:0;display:flex;height:100vh;color:#222}
 #calls{width:300px;border-right:1px solid #ddd;overflow:auto;padding:8px}
 #calls div{padding:6px;cursor:pointer;border-radius:4px;font-size:13px}
 #calls div:hover,#calls div.sel{background:#eef}
 #main{flex:1;display:flex;flex-direction:column}
 header{padding:10px 16px;border-bottom:1px solid #ddd;display:flex;gap:24px;align-items:center}
 #ratio{display:flex;width:240px;height:14px;border-radius:7px;overflow:hidden;background:#eee}
 #ratio .a{background:#2e9d4e}#ratio .p{background:#2f6fd6}
 #transcript{flex:1;overflow:auto;padding:16px}
 .u{margin:6px 0;padding:6px 10px;border-radius:8px;max-width:70%}
 .agent{background:#e3f6e8;border-left:4px solid #2e9d4e}
 .prospect{background:#e4ecfb;border-left:4px solid #2f6fd6;margin-left:auto}
 .partial{opacity:.6;font-style:italic}
 .meta{font-size:11px;color:#666}
 .alert{color:#a33;font-size:12px}
</style></head><body>
<div id="calls"><b>Calls</b></div>
<div id="main">
 <header><span id="title">Choose a call</span><span id="state"></span>
  <span>Talk <span id="ratiotext">-</span></span><div id="ratio"><div class="a"></div><div class="p"></div></div></header>
 <div id="transcript"></div>
</div>
<script>
let ws=null, current=null;
const el=id=>document.getElementById(id);
function fmt(ms){const s=Math.floor(ms/1000);return Math.floor(s/60)+':'+String(s%60).padStart(2,'0');}
async function loadCalls(){
  const r=await fetch('/api/calls?limit=50');const j=await r.json();
  const box=el('calls');box.innerHTML='<b>Calls</b>';
  for(const c of j.calls){const d=document.createElement('div');
    d.textContent=(c.state==='active'?'\u25cf ':'')+c.call_sid.slice(0,14)+'  '+c.state;
    d.dataset.sid=c.call_sid;if(c.call_sid===current)d.className='sel';
    d.onclick=()=>watch(c.call_sid);box.appendChild(d);}
  const follow=new URLSearchParams(location.search).get('follow');
  if(!current&&follow&&j.calls.length)watch(j.calls[0].call_sid);
}
function bubble(id){let b=document.getElementById('u-'+id);
  if(!b){b=document.createElement('div');b.id='u-'+id;el('transcript').appendChild(b);}return b;}
function show(ev){
  const d=ev.data;
  if(ev.type==='transcript.partial'||ev.type==='transcript.final'){
    const b=bubble(d.utterance_id);b.className='u '+d.speaker+(ev.type==='transcript.partial'?' partial':'');
    b.innerHTML='<div class="meta">'+d.speaker+' '+fmt(d.start_ms)+'</div>';
    b.appendChild(document.createTextNode(d.text));
    el('transcript').scrollTop=1e9;
  }else if(ev.type==='metrics'){
    const a=Math.round(d.talk_ratio.agent*100),p=100-a;
    el('ratiotext').textContent=a+'% / '+p+'%';
    document.querySelector('#ratio .a').style.width=a+'%';document.querySelector('#ratio .p').style.width=p+'%';
  }else if(ev.type==='alert'){
    const b=document.createElement('div');b.className='alert';b.textContent='\u26a0 '+d.message;el('transcript').appendChild(b);
  }else if(ev.type==='call.started'){el('state').textContent='live';}
  else if(ev.type==='call.ended'){el('state').textContent='ended ('+d.reason+', '+fmt(d.duration_ms)+')';loadCalls();}
}
function watch(sid){
  current=sid;if(ws)ws.close();el('transcript').innerHTML='';el('title').textContent='Call '+sid;
  el('state').textContent='';loadCalls();
  ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/api/live?call_sid='+encodeURIComponent(sid));
  ws.onmessage=m=>show(JSON.parse(m.data));
}
loadCalls();setInterval(()=>{if(!current)loadCalls();},2000);
</script></body></html>
)HTML";
  return kPage;
}

}  // namespace sc::server
