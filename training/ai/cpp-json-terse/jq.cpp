#include <fstream>
#include <iostream>
#include <sstream>

#include "json.hpp"

int main(int argc, char** argv) {
    std::string path, file;
    int indent = 2;
    bool raw = false;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "-c") indent = -1;
        else if (a == "-r") raw = true;
        else if (a == "-f" && i + 1 < argc) file = argv[++i];
        else if (path.empty()) path = a;
        else {
            std::cerr << "usage: jq [-c] [-r] [-f file] [path]\n";
            return 64;
        }
    }
    std::stringstream buf;
    if (file.empty()) buf << std::cin.rdbuf();
    else {
        std::ifstream f(file, std::ios::binary);
        if (!f) {
            std::cerr << file << ": cannot open\n";
            return 2;
        }
        buf << f.rdbuf();
    }
    try {
        auto doc = mj::parse(buf.str());
        auto* v = path.empty() || path == "." ? &doc : doc.at_path(path[0] == '.' ? path.substr(1) : path);
        if (!v) {
            std::cerr << "no such path: " << path << "\n";
            return 1;
        }
        if (raw && v->is_str()) std::cout << v->s() << "\n";
        else std::cout << mj::dump(*v, indent) << "\n";
    } catch (const mj::parse_error& e) {
        std::cerr << "parse error: " << e.what() << "\n";
        return 1;
    }
}
