// Side-by-side harness for MDPSolver (github.com/areenberg/MDPSolver, MIT licence; commit 3af8182):
// reads a sparsemdp .mdp text file into MDPSolver's GeneralMDPmodel and solves it with the given
// criterion (average reward by default, or discounted) single-threaded (parallel = false), printing
// iterations and MDPSolver's own timing (its solve only; reading the file is not included).
// Build (from MDPSolver's CPP_Source_Code directory, pybind11 submodule and Python headers present):
//   g++ -O3 -march=native -std=c++17 -Ipybind11/include $(python3-config --includes) bench_main.cpp \
//     GeneralMDPmodel.cpp ModelType.cpp ModifiedPolicyIteration.cpp Policy.cpp Rewards.cpp \
//     TransitionMatrix.cpp ValueVector.cpp -o bench_main $(python3-config --embed --ldflags)
// Run: LD_LIBRARY_PATH=$(python3-config --prefix)/lib ./bench_main garnet.mdp 1e-6 vi|pi|mpi REPS \
//        [average|discounted [DISCOUNT [verbose]]]      (defaults: average, 0.99; solver-bench/peers.sh runs it)
#include <fstream>
#include <sstream>
#include <iostream>
#include <chrono>
#include "GeneralMDPmodel.h"
#include "ModifiedPolicyIteration.h"
#include "TransitionMatrix.h"
#include "Rewards.h"
#include "Policy.h"
#include "ValueVector.h"
#include <pybind11/embed.h>
int main(int argc, char** argv) {
    std::ifstream in(argv[1]);
    double tol = atof(argv[2]);
    std::string alg = argc > 3 ? argv[3] : "mpi";
    int reps = argc > 4 ? atoi(argv[4]) : 1;
    std::string criterion = argc > 5 ? argv[5] : "average";
    double discount = argc > 6 ? atof(argv[6]) : 0.99;
    bool verbose = argc > 7;
    std::string line;
    int n = 0;
    std::vector<std::vector<std::vector<int>>> cols;
    std::vector<std::vector<std::vector<double>>> probs;
    std::vector<std::vector<double>> rew;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(line);
        std::string first; ls >> first;
        if (first == "states") { ls >> n; cols.resize(n); probs.resize(n); rew.resize(n); continue; }
        if (!isdigit(first[0])) continue;
        int s = std::stoi(first); std::string a; double r; ls >> a >> r;
        rew[s].push_back(r); cols[s].emplace_back(); probs[s].emplace_back();
        std::string tok;
        while (ls >> tok) { auto c = tok.find(':'); cols[s].back().push_back(std::stoi(tok.substr(0, c))); probs[s].back().push_back(std::stod(tok.substr(c + 1))); }
    }
    TransitionMatrix tm; Rewards rw;
    tm.setNumberOfRows(n); rw.setNumberOfRows(n);
    for (int s = 0; s < n; s++) {
        int na = rew[s].size(); tm.setNumberOfActions(na, s); rw.setNumberOfActions(na, s);
        for (int a = 0; a < na; a++) {
            rw.assignReward(rew[s][a], s, a);
            int nj = cols[s][a].size(); tm.setNumberOfColumns(nj, s, a);
            for (int j = 0; j < nj; j++) { tm.assignProb(probs[s][a][j], s, a, j); tm.assignColumn(cols[s][a][j], s, a, j); }
        }
    }
    for (int r = 0; r < reps; r++) {
        GeneralMDPmodel mdl(&rw, &tm, discount);
        Policy ply; ply.policy.assign(1, -1); ValueVector vv; vv.valueVector.assign(1, -1);
        ModifiedPolicyIteration solver(tol, alg, "standard", criterion, 100, 1.0, verbose, true, true, false, true);
        auto t0 = std::chrono::steady_clock::now();
        solver.solve(&mdl, &ply, &vv);
        auto t1 = std::chrono::steady_clock::now();
        std::cout << "MDPSolver " << alg << " " << criterion << " tol " << tol << ": " << solver.iter << " iterations, converged " << solver.converged
                  << ", own duration " << solver.duration << " ms, wall " << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms" << std::endl;
    }
    return 0;
}
