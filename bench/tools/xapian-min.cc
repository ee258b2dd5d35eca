// xapian-min — the benchmark's floor: a minimal single-thread Xapian indexer
// and searcher, no Kyrgyz analysis.  A benchmark anchor, not part of izde
// (C++ is fine here).
//
//   xapian-min index DB DIR...     every regular file under DIR (name order):
//                                  Q<path> term, TermGenerator with positions,
//                                  no stemmer, the whole file as document data;
//                                  replace_document by the Q term, as izde-index
//                                  and omindex do; one commit at the end
//                                  (Xapian's own autoflush in between).
//   xapian-min query DB all|any REPS QUERYFILE
//                                  each line of QUERYFILE is a query, parsed by
//                                  QueryParser (no stemmer), top 10 and their
//                                  data read; each run REPS times after one
//                                  warm-up pass.  Prints "p50_ms p95_ms runs".
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>

static double cpu_ms()  // this thread's CPU time: what a query costs, load aside
{
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

namespace fs = std::filesystem;

static int index_main(const char *db_path, int ndirs, char **dirs)
{
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    unsigned n = 0;
    for (int i = 0; i < ndirs; i++) {
        std::vector<fs::path> files;
        for (auto &e : fs::recursive_directory_iterator(dirs[i]))
            if (e.is_regular_file())
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (auto &p : files) {
            std::ifstream in(p, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            std::string text = ss.str();
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(text);
            std::string q = "Q" + p.string();
            doc.add_boolean_term(q);
            doc.set_data(text);
            db.replace_document(q, doc);
            n++;
        }
    }
    db.commit();
    std::printf("xapian-min: %u documents\n", n);
    return 0;
}

static int query_main(const char *db_path, bool any, int reps, const char *qfile)
{
    Xapian::Database db(db_path);
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_default_op(any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    std::vector<std::string> queries;
    std::ifstream in(qfile);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            queries.push_back(line);
    std::vector<double> ms, cpu;
    size_t bytes = 0;
    for (int r = -1; r < reps; r++) {  // r == -1: warm-up
        for (auto &q : queries) {
            auto t0 = std::chrono::steady_clock::now();
            double c0 = cpu_ms();
            try {
                Xapian::Enquire enq(db);
                enq.set_query(qp.parse_query(q));
                Xapian::MSet m = enq.get_mset(0, 10);
                for (auto it = m.begin(); it != m.end(); ++it)
                    bytes += it.get_document().get_data().size();
            } catch (const Xapian::Error &) {
                // a query the parser rejects counts as answered
            }
            auto t1 = std::chrono::steady_clock::now();
            if (r >= 0) {
                ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                cpu.push_back(cpu_ms() - c0);
            }
        }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    if (ms.empty())
        return 1;
    std::printf("%.4f %.4f %zu %.4f %.4f\n", ms[ms.size() / 2], ms[(ms.size() * 95) / 100],
                ms.size(), cpu[cpu.size() / 2], cpu[(cpu.size() * 95) / 100]);
    return bytes == (size_t)-1;  // keep the reads
}

int main(int argc, char **argv)
{
    try {
        std::string cmd = argc > 1 ? argv[1] : "";
        if (cmd == "index" && argc >= 4)
            return index_main(argv[2], argc - 3, argv + 3);
        if (cmd == "query" && argc == 6)
            return query_main(argv[2], std::string(argv[3]) == "any", std::atoi(argv[4]), argv[5]);
        std::fprintf(stderr, "usage: xapian-min index DB DIR... | query DB all|any REPS QUERYFILE\n");
        return 2;
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xapian-min: %s\n", e.get_description().c_str());
        return 3;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "xapian-min: %s\n", e.what());
        return 3;
    }
}
