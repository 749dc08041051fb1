// Command benchscale is make bench-scale: it measures nachweis on the
// synthetic providers of evidence/scaletest against the OPA CLI.
//
// It generates the providers (2,000 tenants and the series 250, 500,
// 1,000, 2,000), then runs, interleaved and several times each, as
// separate processes:
//
//   - nachweis check on 2,000 tenants with text, JSON and SARIF output;
//   - opa eval of a plain policy of the same kind (tenant isolation,
//     privileged pods, replicas: three rules written the way a conftest
//     user would) directly over the raw collected Kubernetes JSON of the
//     same bundle, combined into one input document;
//   - opa eval of nachweis's own checks on the input nachweis projects
//     from the bundle (written out once with policies.BuildInput);
//   - nachweis check for every provider of the series (linear in tenants);
//   - nachweis tom --all-tenants for 1,000 tenants;
//   - nachweis pack and nachweis verify of the 2,000-tenant provider.
//
// For every command it prints the medians of wall time, CPU time (user
// and system, of the process and its children, from wait4's rusage) and
// peak resident memory (ru_maxrss), and the ratios against nachweis check.
// The machine may be shared: CPU time is the figure that varies least.
//
//	go run ./internal/benchscale -nachweis bin/nachweis -opa bin/opa -dir out/bench-scale
//
// With -profile it runs each nachweis command once more with
// NACHWEIS_CPUPROFILE set and leaves the profiles in -dir.
package main
