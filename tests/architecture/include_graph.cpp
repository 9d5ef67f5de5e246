// SPDX-License-Identifier: GPL-3.0-or-later
// Reads every #include "…" of app/, widgets/, core/ and models/ and draws the include graph of
// their folders (two levels: core/library, widgets/labels, …). Exits 1 when a folder includes a
// higher layer (the order is app → widgets → core → models, docs/ARCHITECTURE.md "Layers") or
// when folders include each other in a circle; CTest runs it on the source tree so both stay
// true. `--dot` prints the graph for Graphviz instead of the text listing.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kLayers = {"models", "core", "widgets", "app"};

int layerRank(const std::string& folder) {
  const std::string top = folder.substr(0, folder.find('/'));
  const auto it = std::find(kLayers.begin(), kLayers.end(), top);
  return it == kLayers.end() ? -1 : int(it - kLayers.begin());
}

// The folder a file or an include path belongs to: its first two directory levels.
std::string folderOf(const std::string& relativePath) {
  const fs::path dir = fs::path(relativePath).parent_path();
  std::string folder;
  int depth = 0;
  for (const auto& part : dir) {
    if (depth++ == 2) break;
    folder += (folder.empty() ? "" : "/") + part.string();
  }
  return folder;
}

using Graph = std::map<std::string, std::map<std::string, int>>;  // from → to → includes

Graph readGraph(const fs::path& root) {
  Graph graph;
  const std::regex includeLine(R"(^\s*#\s*include\s+"([^"]+)\")");
  for (const auto& layer : kLayers) {
    if (!fs::exists(root / layer)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / layer)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
      const std::string from = folderOf(fs::relative(entry.path(), root).generic_string());
      graph[from];
      std::ifstream in(entry.path());
      std::string line;
      std::smatch match;
      while (std::getline(in, line)) {
        if (!std::regex_search(line, match, includeLine)) continue;
        const std::string included = match[1];
        if (layerRank(included) < 0 || !fs::exists(root / included)) continue;  // generated, Qt…
        const std::string to = folderOf(included);
        if (to != from) ++graph[from][to];
      }
    }
  }
  return graph;
}

// Tarjan's strongly connected components; a component of more than one folder is a circle.
struct Circles {
  const Graph& graph;
  std::map<std::string, int> index, low;
  std::vector<std::string> stack;
  std::set<std::string> onStack;
  std::vector<std::vector<std::string>> found;
  int next = 0;

  void visit(const std::string& v) {
    index[v] = low[v] = next++;
    stack.push_back(v);
    onStack.insert(v);
    const auto edges = graph.find(v);
    if (edges != graph.end()) {
      for (const auto& [w, count] : edges->second) {
        (void)count;
        if (!index.count(w)) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (onStack.count(w)) {
          low[v] = std::min(low[v], index[w]);
        }
      }
    }
    if (low[v] != index[v]) return;
    std::vector<std::string> component;
    std::string w;
    do {
      w = stack.back();
      stack.pop_back();
      onStack.erase(w);
      component.push_back(w);
    } while (w != v);
    if (component.size() > 1) found.push_back(component);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " SOURCE_DIR [--dot]\n";
    return 2;
  }
  const fs::path root = argv[1];
  const bool dot = argc > 2 && std::string(argv[2]) == "--dot";
  const Graph graph = readGraph(root);

  int upward = 0, edges = 0;
  if (dot) std::cout << "digraph includes {\n  rankdir=TB;\n  node [shape=box];\n";
  for (const auto& [from, targets] : graph) {
    for (const auto& [to, count] : targets) {
      ++edges;
      const bool up = layerRank(to) > layerRank(from);
      upward += up;
      if (dot) {
        std::cout << "  \"" << from << "\" -> \"" << to << "\" [label=" << count
                  << (up ? ", color=red" : "") << "];\n";
      } else {
        std::cout << from << " -> " << to << " (" << count << ")" << (up ? "  UPWARD" : "")
                  << "\n";
      }
    }
  }
  Circles circles{graph, {}, {}, {}, {}, {}, 0};
  for (const auto& [folder, targets] : graph) {
    (void)targets;
    if (!circles.index.count(folder)) circles.visit(folder);
  }
  if (dot) {
    std::cout << "}\n";
  }
  std::ostream& summary = dot ? std::cerr : std::cout;
  summary << graph.size() << " folders, " << edges << " folder-to-folder edges, " << upward
          << " upward, " << circles.found.size() << " circles\n";
  for (const auto& component : circles.found) {
    summary << "circle:";
    for (const auto& folder : component) summary << " " << folder;
    summary << "\n";
  }
  return upward == 0 && circles.found.empty() ? 0 : 1;
}
