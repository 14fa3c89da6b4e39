// XML comparison for the TwiML oracle: both documents are parsed and compared
// as trees (element names, attributes as sets, text), since attribute order
// carries no meaning in XML.
'use strict';

// A parser for the XML TwiML uses: declaration, elements, double-quoted
// attributes, text and the five entities plus character references.
function parseXml(text) {
  let i = 0;
  const decode = (s) => s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e) => {
    if (e[0] === '#') {
      return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e];
  });
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    const decl = text.slice(0, end + 2);
    if (!/version="1.0"/.test(decl) || !/encoding="UTF-8"/.test(decl)) throw new Error('bad declaration');
    i = end + 2;
  } else {
    throw new Error('no XML declaration');
  }
  function element() {
    const m = /^<([A-Za-z][A-Za-z0-9]*)/.exec(text.slice(i));
    if (!m) throw new Error('element expected at ' + i);
    i += m[0].length;
    const node = { name: m[1], attrs: {}, text: '', children: [] };
    for (;;) {
      const a = /^\s+([A-Za-z][A-Za-z0-9]*)="([^"]*)"/.exec(text.slice(i));
      if (!a) break;
      if (a[1] in node.attrs) throw new Error('duplicate attribute ' + a[1]);
      node.attrs[a[1]] = decode(a[2]);
      i += a[0].length;
    }
    if (text.startsWith('/>', i)) { i += 2; return node; }
    if (text[i] !== '>') throw new Error('> expected at ' + i);
    i++;
    for (;;) {
      if (text.startsWith('</', i)) {
        const close = '</' + node.name + '>';
        if (!text.startsWith(close, i)) throw new Error('mismatched close at ' + i);
        i += close.length;
        return node;
      }
      if (text[i] === '<') {
        node.children.push(element());
      } else {
        const next = text.indexOf('<', i);
        if (next < 0) throw new Error('unterminated element');
        node.text += decode(text.slice(i, next));
        i = next;
      }
    }
  }
  const root = element();
  if (i !== text.length) throw new Error('trailing data');
  return root;
}

// Canonical form: attributes sorted (order carries no meaning in XML).
function canonical(node) {
  const attrs = Object.keys(node.attrs).sort().map((k) => [k, node.attrs[k]]);
  return { name: node.name, attrs, text: node.text, children: node.children.map(canonical) };
}
function sameXml(ours, theirs) {
  try {
    return JSON.stringify(canonical(parseXml(ours))) === JSON.stringify(canonical(parseXml(theirs)));
  } catch (e) {
    return false;
  }
}

module.exports = { parseXml, sameXml };
